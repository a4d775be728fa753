namespace OpinionBot.Matching;

/// <summary>The <c>Matching</c> section: sentiment, story grouping and focused monitoring.</summary>
public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>An extra lexicon file in the format of the shipped negative-lexicon.txt; its entries win.</summary>
    public string? ExtraLexiconPath { get; set; }

    /// <summary>Sentiment score from which an item is negative; 2 is one clear word such as 投诉.</summary>
    public double NegativeThreshold { get; set; } = 2.0;

    /// <summary>Items this close in time (discovery) can join the same story.</summary>
    public TimeSpan StoryWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// The most appearances the story index holds in memory (about 2.2 KB each: 15,000 are ~33 MB). A team's usual 48 h
    /// is a few thousand; in a storm the window would hold more than the worker's memory budget: past this the oldest
    /// are forgotten early (a story still spreading keeps its recent appearances; one quiet since then opens a new
    /// incident when it is reposted), which is logged, told to the supervisors and shown in <c>/status</c>. Sized so the
    /// worker stays near 250 MB through the load run's storm of 2,000 matching items a minute (bench/README.md).
    /// </summary>
    public int StoryIndexLimit { get; set; } = 15_000;

    /// <summary>Text similarity (template text left out) from which two items that share a place, person or count are one story.</summary>
    public double StorySimilarity { get; set; } = StoryIndex.DefaultThreshold;

    /// <summary>Headline event-word similarity from which two items are one story; half of it when they share a term.</summary>
    public double StoryTitleSimilarity { get; set; } = 0.5;

    /// <summary>Text and terms carried by this many different stories are template (boilerplate, a city name).</summary>
    public int StoryTemplateStories { get; set; } = 3;

    /// <summary>The story identity rules these settings give.</summary>
    public StoryRules StoryRules => new(StorySimilarity, StoryTitleSimilarity, StoryTemplateStories);

    /// <summary>How long an incident's key terms stay under focused monitoring (重点监控).</summary>
    public int WatchDays { get; set; } = 7;

    /// <summary>How many of a watched incident's terms a later item must contain.</summary>
    public int WatchMinHits { get; set; } = 2;
}
