using Microsoft.Extensions.Options;
using OpinionBot.Settings;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Matching;

public static class MatchingServices
{
    /// <summary>The judgement components as singletons, built from the <c>Topics</c>, <c>Matching</c> and <c>Grading</c> settings.</summary>
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.AddOptions<MatchingOptions>().BindConfiguration(MatchingOptions.Section).ValidateOnStart();
        services.AddOptions<GradingOptions>().BindConfiguration(GradingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GradingOptions>, GradingOptionsValidation>();
        services.AddSingleton<IValidateOptions<MatchingOptions>, MatchingOptionsValidation>();

        services.AddSingleton<TopicCatalog>();
        services.AddSingleton(sp =>
        {
            // Built from the catalog (configured plus chat-made topics) and rebuilt whenever the catalog changes.
            var catalog = sp.GetRequiredService<TopicCatalog>();
            var matcher = new TopicMatcher(catalog.All(), StringsOf(sp));
            catalog.Changed += matcher.ReplaceTopics;
            return matcher;
        });
        services.AddSingleton(sp => NegativeLexicon.Load(Matching(sp).ExtraLexiconPath, StringsOf(sp)));
        services.AddSingleton(sp => new SentimentAnalyzer(sp.GetRequiredService<NegativeLexicon>(), Matching(sp).NegativeThreshold));
        services.AddSingleton<ItemJudge>();
        services.AddSingleton(sp => new Grader(sp.GetRequiredService<IOptions<GradingOptions>>().Value, StringsOf(sp)));
        services.AddSingleton(sp => new StoryIndex(Matching(sp).StoryWindow, Matching(sp).StoryRules, Matching(sp).StoryIndexLimit));
        services.AddSingleton(sp => KeyTerms(sp.GetRequiredService<NegativeLexicon>(), sp.GetRequiredService<TopicCatalog>().All()));
        services.AddSingleton(sp => new FocusedMonitoring(
            sp.GetRequiredService<OpinionDatabase>(),
            sp.GetRequiredService<TopicMatcher>(),
            sp.GetRequiredService<TimeProvider>(),
            Matching(sp),
            StringsOf(sp)));
        return services;
    }

    /// <summary>The key-term extractor that knows the lexicon's negative words and every topic keyword.</summary>
    public static KeyTermExtractor KeyTerms(NegativeLexicon lexicon, IEnumerable<TopicDefinition> topics) => new(
        lexicon.Entries.Where(e => e.Role == LexiconRole.Negative).Select(e => e.Key).Concat(topics.SelectMany(t => t.Keywords)),
        lexicon.Entries.Where(e => e.Role != LexiconRole.Negative).Select(e => e.Key));

    private static MatchingOptions Matching(IServiceProvider sp) => sp.GetRequiredService<IOptions<MatchingOptions>>().Value;

    private static Strings StringsOf(IServiceProvider sp) => Strings.For(sp.GetRequiredService<IOptions<MonitoringOptions>>().Value.Culture);
}
