using OpinionBot.Incidents;

namespace OpinionBot.Reports;

public enum NoteTopic
{
    Background = 0,
    Truth = 1,
    Trend = 2,
    Measures = 3,
    Suggestions = 4,
}

/// <summary>
/// Sorts notes into special-report sections by a leading word: <c>核实：</c>/<c>truth:</c>, <c>研判：</c>/<c>trend:</c>,
/// <c>措施：</c>/<c>measures:</c>, <c>建议：</c>/<c>suggestion:</c>; <c>背景：</c> and untagged notes are background.
/// </summary>
public static class NoteTopics
{
    private static readonly (string Prefix, NoteTopic Topic)[] Prefixes =
    [
        ("真实情况", NoteTopic.Truth), ("核实", NoteTopic.Truth), ("truth", NoteTopic.Truth),
        ("研判", NoteTopic.Trend), ("趋势", NoteTopic.Trend), ("trend", NoteTopic.Trend),
        ("措施", NoteTopic.Measures), ("处置", NoteTopic.Measures), ("measures", NoteTopic.Measures),
        ("建议", NoteTopic.Suggestions), ("suggestion", NoteTopic.Suggestions), ("suggestions", NoteTopic.Suggestions),
        ("背景", NoteTopic.Background), ("background", NoteTopic.Background),
    ];

    public static (NoteTopic Topic, string Text) Classify(string note)
    {
        var trimmed = (note ?? "").Trim();
        foreach (var (prefix, topic) in Prefixes)
        {
            if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
                trimmed.Length > prefix.Length && trimmed[prefix.Length] is ':' or '：')
            {
                return (topic, trimmed[(prefix.Length + 1)..].Trim());
            }
        }

        return (NoteTopic.Background, trimmed);
    }

    /// <summary>Every topic mapped to its notes' texts, oldest first; topics without notes map to an empty list.</summary>
    public static IReadOnlyDictionary<NoteTopic, IReadOnlyList<string>> Sort(IEnumerable<IncidentNote> notes)
    {
        var sorted = Enum.GetValues<NoteTopic>().ToDictionary(t => t, _ => new List<string>());
        foreach (var note in notes.OrderBy(n => n.At))
        {
            var (topic, text) = Classify(note.Text);
            if (text.Length > 0)
            {
                sorted[topic].Add(text);
            }
        }

        return sorted.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value);
    }
}
