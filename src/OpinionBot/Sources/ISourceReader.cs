namespace OpinionBot.Sources;

/// <summary>Reads a source once and returns what it currently lists.</summary>
public interface ISourceReader
{
    /// <param name="searchKeywords">The topic keywords; a <c>search</c> source makes one request per keyword.</param>
    /// <param name="useStoredValidators">
    /// False for a one-off look (<c>/sources test</c>): the page is asked for in full, never answered "304 unchanged"
    /// because of a stored ETag/Last-Modified, and nothing is stored.
    /// </param>
    Task<SourceReading> ReadAsync(SourceDefinition source, IReadOnlyCollection<string> searchKeywords, CancellationToken cancellationToken, bool useStoredValidators = true);
}

/// <summary>
/// The outcome of one read. <see cref="NotModified"/> means the server said nothing changed (HTTP 304).
/// <see cref="SelectorsFoundNothing"/> means the page loaded but the item selector matched nothing (a redesign?).
/// </summary>
/// <param name="Encoding">The encoding the page was decoded with, e.g. <c>GB18030</c>.</param>
/// <param name="Warnings">Things worth a log line (undated items, an overruled charset); never fatal.</param>
public sealed record SourceReading(
    IReadOnlyList<SourceItem> Items,
    bool NotModified = false,
    string? Encoding = null,
    IReadOnlyList<string>? Warnings = null,
    bool SelectorsFoundNothing = false)
{
    public static SourceReading Unchanged { get; } = new([], NotModified: true);

    public IReadOnlyList<string> Warnings { get; init; } = Warnings ?? [];

    /// <summary>
    /// Stores the page's ETag / Last-Modified for the next conditional read; null when there is nothing to store. Call it
    /// only once the items are taken: a read whose intake failed must get the page again, not a 304.
    /// </summary>
    public Action? Commit { get; init; }
}
