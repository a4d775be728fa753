using Microsoft.Extensions.Options;
using OpinionBot.Incidents;

namespace OpinionBot.Matching;

/// <summary>The <c>Grading</c> section: when an item is raised above its topic's default grade.</summary>
public sealed class GradingOptions
{
    public const string Section = "Grading";

    /// <summary>Spread counts the distinct sources that carried the story within this window.</summary>
    public TimeSpan SpreadWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Each rule whose conditions all hold raises the grade to its <see cref="GradingRule.Grade"/>; empty uses <see cref="Defaults"/>.</summary>
    public List<GradingRule> Rules { get; set; } = [];

    public IReadOnlyList<GradingRule> EffectiveRules => Rules.Count > 0 ? Rules : Defaults;

    public static IReadOnlyList<GradingRule> Defaults { get; } =
    [
        new() { Grade = Grade.Major, Negative = true, MinSources = 5 },
        new() { Grade = Grade.Major, Negative = true, MinViews = 100_000 },
        new() { Grade = Grade.Larger, Negative = true, MinSources = 3 },
        new() { Grade = Grade.Larger, Negative = true, MinSourceWeight = 2 },
        new() { Grade = Grade.Larger, MinReplies = 200 },
        new() { Grade = Grade.Larger, MinViews = 20_000 },
    ];
}

/// <summary>One grading rule; every condition that is set must hold.</summary>
public sealed class GradingRule
{
    public Grade Grade { get; set; } = Grade.Larger;

    /// <summary>true: only negative items; false: only non-negative; null: either.</summary>
    public bool? Negative { get; set; }

    public double? MinNegativeScore { get; set; }

    /// <summary>The heaviest source carrying the story (a mainstream outlet might weigh 3, a small forum 1).</summary>
    public double? MinSourceWeight { get; set; }

    /// <summary>Distinct sources within <see cref="GradingOptions.SpreadWindow"/>.</summary>
    public int? MinSources { get; set; }

    public int? MinReplies { get; set; }
    public int? MinViews { get; set; }

    public bool HasCondition =>
        Negative is not null || MinNegativeScore is not null || MinSourceWeight is not null ||
        MinSources is not null || MinReplies is not null || MinViews is not null;
}

public sealed class GradingOptionsValidation : IValidateOptions<GradingOptions>
{
    public ValidateOptionsResult Validate(string? name, GradingOptions options)
    {
        if (options.SpreadWindow <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Grading:SpreadWindow must be positive, e.g. \"02:00:00\" for two hours.");
        }

        for (var i = 0; i < options.Rules.Count; i++)
        {
            if (!options.Rules[i].HasCondition)
            {
                return ValidateOptionsResult.Fail(
                    $"Grading:Rules:{i} has no condition, so it would raise every item: set Negative, MinSources, MinSourceWeight, MinReplies, MinViews or MinNegativeScore.");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
