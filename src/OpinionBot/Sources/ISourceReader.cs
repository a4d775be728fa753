namespace OpinionBot.Sources;

/// <summary>Reads a source once and returns what it currently lists.</summary>
public interface ISourceReader
{
    Task<SourceReading> ReadAsync(SourceDefinition source, CancellationToken cancellationToken);
}

/// <summary>The outcome of one read. <see cref="NotModified"/> means the server said nothing changed (HTTP 304).</summary>
public sealed record SourceReading(IReadOnlyList<SourceItem> Items, bool NotModified = false)
{
    public static SourceReading Unchanged { get; } = new([], NotModified: true);
}
