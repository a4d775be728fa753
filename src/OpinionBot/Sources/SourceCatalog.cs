using System.Text.Json;
using Microsoft.Extensions.Options;
using OpinionBot.Settings;
using OpinionBot.Storage;

namespace OpinionBot.Sources;

/// <summary>
/// The sources in force: the configured ones, overridden by those stored from the chat (same name, case-insensitive),
/// minus tombstones, plus the ones added from the chat. Every reader (jobs, intake, status) asks here.
/// </summary>
public sealed class SourceCatalog(OpinionDatabase db, IOptionsMonitor<MonitoringOptions> monitoring, TimeProvider time)
{
    // The configured sources by name, for the settings they were read from (a settings reload brings new ones).
    private ConfiguredByName? _configured;

    public IReadOnlyList<SourceDefinition> All()
    {
        var stored = db.Read(s => s.SourceCatalog.All())
            .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        var result = new List<SourceDefinition>();
        foreach (var source in monitoring.CurrentValue.Sources)
        {
            if (stored.Remove(source.Name, out var over))
            {
                if (over.Definition is not null)
                {
                    result.Add(over.Definition);
                }
            }
            else
            {
                result.Add(source);
            }
        }

        result.AddRange(stored.Values.Where(s => s.Definition is not null).OrderBy(s => s.ChangedAt).Select(s => s.Definition!));
        return result;
    }

    /// <summary>
    /// A copy the caller may change, or null. The same answer as searching <see cref="All"/>, without building it: every
    /// check and every evidence capture asks, and at 1,000 sources the whole list was 3,000 lists a minute.
    /// </summary>
    public SourceDefinition? Find(string name)
    {
        var stored = db.Read(s => s.SourceCatalog.All()).FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        var found = stored is not null ? stored.Definition : Configured().GetValueOrDefault(name);
        return found is null ? null : Copy(found);
    }

    public bool IsConfigured(string name) =>
        monitoring.CurrentValue.Sources.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Stores the source (new or changed); call inside a transaction with the reply.</summary>
    public void Save(SourceDefinition source, long changedBy) =>
        db.Write(s => s.SourceCatalog.Save(new StoredSource { Name = source.Name, Definition = source, ChangedBy = changedBy, ChangedAt = time.GetUtcNow() }));

    /// <summary>Removes a source; a configured one is remembered as removed so a restart does not bring it back.</summary>
    public void Remove(string name, long changedBy) => db.Write(s =>
    {
        if (IsConfigured(name))
        {
            s.SourceCatalog.Save(new StoredSource { Name = name, ChangedBy = changedBy, ChangedAt = time.GetUtcNow() });
        }
        else
        {
            s.SourceCatalog.Forget(name);
        }
    });

    public static SourceDefinition Copy(SourceDefinition source) =>
        JsonSerializer.Deserialize<SourceDefinition>(JsonSerializer.Serialize(source))!;

    private Dictionary<string, SourceDefinition> Configured()
    {
        var sources = monitoring.CurrentValue.Sources;
        if (_configured is { } known && ReferenceEquals(known.From, sources))
        {
            return known.ByName;
        }

        var byName = new Dictionary<string, SourceDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            byName.TryAdd(source.Name, source); // the first of a repeated name, as All() has it
        }

        _configured = new ConfiguredByName(sources, byName);
        return byName;
    }

    private sealed record ConfiguredByName(List<SourceDefinition> From, Dictionary<string, SourceDefinition> ByName);
}
