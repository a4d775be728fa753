using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Matching;

/// <summary>What grading looks at for one incident (or a new item before it joins one).</summary>
/// <param name="SourceWeight">The heaviest weight among the sources carrying the story (1 when sources have no weight).</param>
/// <param name="Sources">Distinct sources within the spread window (see <see cref="StorySpread"/>); 1 for a new item.</param>
public sealed record GradeInput(
    Grade TopicGrade,
    SentimentResult Sentiment,
    double SourceWeight = 1,
    int? Replies = null,
    int? Views = null,
    int Sources = 1);

/// <summary>Why a grade was given: the facts of the rule that gave it.</summary>
public enum GradeFactor
{
    TopicDefault,
    Negative,
    NegativeScore,
    SourceWeight,
    Sources,
    Replies,
    Views,
}

/// <summary>A grade and its reason, e.g. 较大：负面 + 3 个来源 2 小时内.</summary>
public sealed record GradeAssessment(Grade Grade, string Reason, IReadOnlyList<GradeFactor> Factors)
{
    /// <summary>Grades only go up automatically: the higher of the current and the new one (the new one on a tie, for fresh numbers).</summary>
    public static GradeAssessment KeepHigher(Grade currentGrade, string currentReason, GradeAssessment next) =>
        next.Grade >= currentGrade ? next : new GradeAssessment(currentGrade, currentReason, []);
}

/// <summary>Applies <see cref="GradingOptions"/>: start at the topic's grade; each rule that holds may raise it.</summary>
public sealed class Grader(GradingOptions options, Strings strings)
{
    public TimeSpan SpreadWindow => options.SpreadWindow;

    public GradeAssessment Assess(GradeInput input)
    {
        GradingRule? best = null;
        foreach (var rule in options.EffectiveRules)
        {
            if (rule.HasCondition && Holds(rule, input) && rule.Grade > (best?.Grade ?? Grade.General))
            {
                best = rule;
            }
        }

        if (best is null || best.Grade <= input.TopicGrade)
        {
            var factors = input.TopicGrade > Grade.General ? new List<GradeFactor> { GradeFactor.TopicDefault } : [];
            if (input.Sentiment.Negative)
            {
                factors.Add(GradeFactor.Negative);
            }

            return Assessment(input.TopicGrade, factors, input);
        }

        return Assessment(best.Grade, Factors(best), input);
    }

    private static bool Holds(GradingRule rule, GradeInput input) =>
        (rule.Negative is null || rule.Negative == input.Sentiment.Negative) &&
        (rule.MinNegativeScore is null || input.Sentiment.Score >= rule.MinNegativeScore) &&
        (rule.MinSourceWeight is null || input.SourceWeight >= rule.MinSourceWeight) &&
        (rule.MinSources is null || input.Sources >= rule.MinSources) &&
        (rule.MinReplies is null || input.Replies >= rule.MinReplies) &&
        (rule.MinViews is null || input.Views >= rule.MinViews);

    private static List<GradeFactor> Factors(GradingRule rule)
    {
        var factors = new List<GradeFactor>();
        if (rule.Negative == true)
        {
            factors.Add(GradeFactor.Negative);
        }

        if (rule.MinNegativeScore is not null)
        {
            factors.Add(GradeFactor.NegativeScore);
        }

        if (rule.MinSourceWeight is not null)
        {
            factors.Add(GradeFactor.SourceWeight);
        }

        if (rule.MinSources is not null)
        {
            factors.Add(GradeFactor.Sources);
        }

        if (rule.MinReplies is not null)
        {
            factors.Add(GradeFactor.Replies);
        }

        if (rule.MinViews is not null)
        {
            factors.Add(GradeFactor.Views);
        }

        return factors;
    }

    private GradeAssessment Assessment(Grade grade, List<GradeFactor> factors, GradeInput input)
    {
        var parts = factors.Select(f => strings.GradeFactorText(f, input, options.SpreadWindow)).ToList();
        return new GradeAssessment(grade, strings.GradeReason(grade, parts), factors);
    }
}
