namespace OpinionBot.Reports;

/// <summary>
/// One saved capture of a page (证据备份), numbered by category: <c>{category}-{incident}-{nn}</c>, e.g.
/// <c>XJ-2026-0042-01</c>. The raw bytes and the extracted text live in the stored files; never overwritten.
/// </summary>
public sealed class EvidenceRecord
{
    /// <summary>The evidence number, also the document id.</summary>
    public string Id { get; set; } = "";

    public string IncidentNumber { get; set; } = "";
    public string Category { get; set; } = "";
    public int Sequence { get; set; }

    public string Url { get; set; } = "";

    /// <summary>Where the page really came from after redirects; null when that is <see cref="Url"/>.</summary>
    public string? FinalUrl { get; set; }

    public DateTimeOffset CapturedAt { get; set; }

    /// <summary>The HTTP status of the capture; 0 when the page could not be fetched (see <see cref="Error"/>).</summary>
    public int HttpStatus { get; set; }

    /// <summary>Why the page could not be fetched; the entry then holds what the source listed (title and text).</summary>
    public string? Error { get; set; }

    public string ContentType { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the raw bytes as fetched.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the extracted text in UTF-8.</summary>
    public string TextSha256 { get; set; } = "";

    public long Length { get; set; }
    public string RawFileId { get; set; } = "";
    public string TextFileId { get; set; } = "";

    /// <summary>The full-page PNG screenshot and the PDF print from the browser, with their SHA-256; null without a browser.</summary>
    public string? ScreenshotFileId { get; set; }
    public string? ScreenshotSha256 { get; set; }
    public string? PdfFileId { get; set; }
    public string? PdfSha256 { get; set; }
}

/// <summary>What the fetcher hands over when an item becomes an incident (or is captured again).</summary>
public sealed record EvidenceCapture(
    string Url, byte[] Raw, string Text, int HttpStatus, string ContentType, DateTimeOffset? CapturedAt = null,
    string? FinalUrl = null, string? Error = null)
{
    /// <summary>The browser's full-page PNG screenshot and PDF print, when a browser captured the page.</summary>
    public byte[]? Screenshot { get; init; }
    public byte[]? Pdf { get; init; }
}

/// <summary>A stored file ready to send, e.g. with <c>/evidence N</c>.</summary>
public sealed record EvidenceFile(string FileName, string ContentType, byte[] Content);

/// <summary>The outcome of re-hashing one evidence entry.</summary>
public sealed record EvidenceCheck(string Number, bool RawIntact, bool TextIntact, bool ImagesIntact = true)
{
    public bool Intact => RawIntact && TextIntact && ImagesIntact;
}

/// <summary>One stored file of an evidence entry, what it is, and the hash recorded at capture.</summary>
public sealed record EvidencePart(EvidencePartKind Kind, EvidenceFile File, string RecordedSha256);

public enum EvidencePartKind
{
    Raw,
    Text,
    Screenshot,
    Pdf,
}
