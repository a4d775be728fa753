using OpinionBot.Sources;
using OpinionBot.Text;

namespace OpinionBot.Matching;

/// <summary>
/// Decides which topics an item belongs to. All configured topics and the temporary focused-monitoring watches are
/// compiled into one automaton; <see cref="ReplaceWatches"/> and <see cref="ReplaceTopics"/> swap in a new compilation
/// without blocking readers.
/// </summary>
public sealed class TopicMatcher
{
    private readonly Lock _replacing = new();
    private readonly Strings _strings;
    private IReadOnlyList<TopicDefinition> _topics;
    private IReadOnlyList<WatchTopic> _watches = [];
    private volatile CompiledTopics _compiled;

    /// <summary>Compiles every topic; throws <see cref="RuleSyntaxException"/> naming the first topic whose rule is broken.</summary>
    public TopicMatcher(IReadOnlyList<TopicDefinition> topics, Strings? strings = null)
    {
        _topics = topics;
        _strings = strings ?? Strings.Chinese;
        _compiled = CompiledTopics.Compile(topics, [], _strings);
    }

    /// <summary>How many distinct patterns the automaton holds.</summary>
    public int PatternCount => _compiled.PatternCount;

    /// <summary>The first problem with the topics, in the language of <paramref name="strings"/>, or null when all compile.</summary>
    public static string? Validate(IReadOnlyList<TopicDefinition> topics, Strings strings)
    {
        try
        {
            CompiledTopics.Compile(topics, [], strings);
            return null;
        }
        catch (RuleSyntaxException e)
        {
            return e.Message;
        }
    }

    public IReadOnlyList<TopicMatch> Match(SourceItem item) => Match(item.Title, item.Text);

    public IReadOnlyList<TopicMatch> Match(string title, string text) => _compiled.Match(title ?? "", text ?? "");

    /// <summary>Replaces the temporary watches (重点监控) the matcher includes besides the configured topics.</summary>
    public void ReplaceWatches(IReadOnlyList<WatchTopic> watches)
    {
        lock (_replacing)
        {
            _compiled = CompiledTopics.Compile(_topics, watches, _strings);
            _watches = watches;
        }
    }

    /// <summary>Replaces the topics (changed from the chat), keeping the watches; throws when a rule is broken.</summary>
    public void ReplaceTopics(IReadOnlyList<TopicDefinition> topics)
    {
        lock (_replacing)
        {
            _compiled = CompiledTopics.Compile(topics, _watches, _strings);
            _topics = topics;
        }
    }
}
