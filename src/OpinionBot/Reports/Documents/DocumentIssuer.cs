using Microsoft.Extensions.Options;
using OpinionBot.Storage;

namespace OpinionBot.Reports.Documents;

/// <summary>
/// Issues official documents: numbers each kind per year (期号: the first 专报 of 2026 is 2026年第1期), fills the unit,
/// signer and 密级 from the settings, and prints PDFs when a CJK font is installed (said once in the log when not).
/// </summary>
public sealed class DocumentIssuer(
    OpinionDatabase db,
    IOptionsMonitor<DocumentOptions> options,
    TimeProvider time,
    TimeZoneInfo zone,
    ILogger<DocumentIssuer> logger)
{
    private readonly Lazy<DocumentFonts?> _fonts = new(() =>
    {
        var found = DocumentFonts.Find(options.CurrentValue.FontFile);
        if (found is null)
        {
            logger.LogWarning("No CJK font found (install fonts-noto-cjk or set Reports:FontFile): documents are sent as Word files only, without PDF");
        }
        else
        {
            logger.LogInformation("Documents are printed to PDF with the font {Font}", found.Source);
        }

        return found;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The next heading of a document kind (<c>special</c>, <c>notice</c>). Call inside a write.</summary>
    public DocumentHeading Next(string kind, string requestedBy)
    {
        var settings = options.CurrentValue;
        var today = ZonedTime.LocalDate(time.GetUtcNow(), zone);
        var issue = db.Write(s => s.Counters.Next($"document-{kind}-{today.Year}"));
        var signer = settings.Signer.Trim().Length > 0 ? settings.Signer.Trim() : requestedBy;
        var classification = settings.Classification.Trim().Length > 0 ? settings.Classification.Trim() : null;
        return new DocumentHeading(settings.Unit.Trim(), today.Year, issue, signer, classification, today);
    }

    public bool CanPrintPdf => _fonts.Value is not null;

    /// <summary>The document as a PDF, or null without a CJK font.</summary>
    public byte[]? Pdf(OfficialDocument document) =>
        _fonts.Value is { } fonts ? new OfficialPdf(fonts).Write(document, time.GetUtcNow()) : null;
}
