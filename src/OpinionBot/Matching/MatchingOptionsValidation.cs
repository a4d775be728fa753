using Microsoft.Extensions.Options;

namespace OpinionBot.Matching;

public sealed class MatchingOptionsValidation : IValidateOptions<MatchingOptions>
{
    public ValidateOptionsResult Validate(string? name, MatchingOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ExtraLexiconPath) && !File.Exists(options.ExtraLexiconPath))
        {
            return ValidateOptionsResult.Fail(
                $"Matching:ExtraLexiconPath '{options.ExtraLexiconPath}' does not exist: point it at a lexicon file or remove the setting.");
        }

        if (options.StoryIndexLimit < 100)
        {
            return ValidateOptionsResult.Fail($"Matching:StoryIndexLimit {options.StoryIndexLimit} must be at least 100 (default 15000).");
        }

        if (options.StoryWindow <= TimeSpan.Zero || options.WatchDays <= 0 || options.WatchMinHits <= 0)
        {
            return ValidateOptionsResult.Fail("Matching:StoryWindow, Matching:WatchDays and Matching:WatchMinHits must be positive.");
        }

        if (options.StoryTitleSimilarity is not (> 0 and <= 1) || options.StoryTemplateStories < 2)
        {
            return ValidateOptionsResult.Fail(
                $"Matching:StoryTitleSimilarity {options.StoryTitleSimilarity} must be between 0 and 1 (default 0.5) and Matching:StoryTemplateStories {options.StoryTemplateStories} at least 2 (default 3).");
        }

        return options.StorySimilarity is > 0 and <= 1
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Matching:StorySimilarity {options.StorySimilarity} must be between 0 and 1 (default {StoryIndex.DefaultThreshold}).");
    }
}
