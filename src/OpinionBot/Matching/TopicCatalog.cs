using System.Text.Json;
using Microsoft.Extensions.Options;
using OpinionBot.Settings;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Matching;

/// <summary>
/// The topics in force: configured ones overridden or removed by those stored from the chat, plus the added ones.
/// Every change is validated against the whole set first and then raises <see cref="Changed"/>, which rebuilds the matcher.
/// </summary>
public sealed class TopicCatalog(OpinionDatabase db, IOptionsMonitor<MonitoringOptions> monitoring, TimeProvider time)
{
    /// <summary>Raised after a change with the topics now in force.</summary>
    public event Action<IReadOnlyList<TopicDefinition>>? Changed;

    public IReadOnlyList<TopicDefinition> All() => Merge([.. db.Read(s => s.TopicCatalog.All())]);

    /// <summary>
    /// What a <c>search</c> source queries, once each: a topic's explicit <c>SearchTerms</c>, else its keywords and the
    /// positive words of its rule (a rule-only topic is searched too; excluded words never are).
    /// </summary>
    public List<string> SearchKeywords() =>
        [.. All().SelectMany(TopicSearchTerms.Of).Distinct(StringComparer.OrdinalIgnoreCase)];

    public TopicDefinition? Find(string name) =>
        All().FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { } found
            ? JsonSerializer.Deserialize<TopicDefinition>(JsonSerializer.Serialize(found)) : null;

    /// <summary>Stores the topic when the whole set still compiles; returns the problem (rule position and why) otherwise.</summary>
    public string? Save(TopicDefinition topic, long changedBy, Strings strings) =>
        Change(new StoredTopic { Name = topic.Name, Definition = topic, ChangedBy = changedBy, ChangedAt = time.GetUtcNow() }, strings);

    public void Remove(string name, long changedBy) =>
        Change(new StoredTopic { Name = name, ChangedBy = changedBy, ChangedAt = time.GetUtcNow() }, Strings.Chinese);

    private string? Change(StoredTopic change, Strings strings)
    {
        List<StoredTopic> stored = [.. db.Read(s => s.TopicCatalog.All())];
        stored.RemoveAll(s => string.Equals(s.Name, change.Name, StringComparison.OrdinalIgnoreCase));
        stored.Add(change);
        var topics = Merge(stored);
        if (TopicMatcher.Validate(topics, strings) is { } problem)
        {
            return problem;
        }

        db.Write(s => s.TopicCatalog.Save(change));
        Changed?.Invoke(topics);
        return null;
    }

    private List<TopicDefinition> Merge(List<StoredTopic> stored)
    {
        var byName = stored.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        var result = new List<TopicDefinition>();
        foreach (var topic in monitoring.CurrentValue.Topics)
        {
            if (!byName.Remove(topic.Name, out var over))
            {
                result.Add(topic);
            }
            else if (over.Definition is not null)
            {
                result.Add(over.Definition);
            }
        }

        result.AddRange(byName.Values.Where(s => s.Definition is not null).OrderBy(s => s.ChangedAt).Select(s => s.Definition!));
        return result;
    }
}
