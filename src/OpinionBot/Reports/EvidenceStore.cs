using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpinionBot.Incidents;
using OpinionBot.Storage;

namespace OpinionBot.Reports;

/// <summary>
/// Backs up captured pages as numbered evidence in the database, to hand to the authorities on lawful request.
/// Every capture gets a new number; nothing stored is ever replaced.
/// </summary>
public sealed class EvidenceStore(OpinionDatabase db, IOptions<ReportsOptions> options, TimeProvider time)
{
    /// <summary>Saves a capture for the incident and returns its record with the new number.</summary>
    public EvidenceRecord Save(Incident incident, EvidenceCapture capture)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(capture);
        var category = CategoryOf(incident);
        var text = Encoding.UTF8.GetBytes(capture.Text);

        return db.Write(s =>
        {
            var sequence = (int)s.Counters.Next($"evidence:{incident.Number}");
            var number = $"{category}-{incident.Number}-{sequence:00}";
            var record = new EvidenceRecord
            {
                Id = number,
                IncidentNumber = incident.Number,
                Category = category,
                Sequence = sequence,
                Url = capture.Url,
                FinalUrl = capture.FinalUrl,
                CapturedAt = capture.CapturedAt ?? time.GetUtcNow(),
                HttpStatus = capture.HttpStatus,
                Error = capture.Error,
                ContentType = capture.ContentType,
                Sha256 = Hash(capture.Raw),
                TextSha256 = Hash(text),
                Length = capture.Raw.LongLength,
                RawFileId = $"evidence/{number}/raw",
                TextFileId = $"evidence/{number}/text",
            };

            // The counter only moves forward, so a clash means the database was edited by hand: refuse rather than overwrite.
            if (s.Evidence.Find(number) is not null || s.Files.Exists(record.RawFileId) || s.Files.Exists(record.TextFileId))
            {
                throw new InvalidOperationException($"Evidence {number} already exists; evidence is never overwritten.");
            }

            var metadata = new Dictionary<string, string> { ["incident"] = incident.Number, ["url"] = capture.Url, ["sha256"] = record.Sha256 };
            s.Files.Upload(record.RawFileId, number + Extension(capture.ContentType), capture.Raw, metadata);
            s.Files.Upload(record.TextFileId, number + ".txt", text, metadata);
            if (capture.Screenshot is { Length: > 0 } png)
            {
                (record.ScreenshotFileId, record.ScreenshotSha256) = ($"evidence/{number}/screenshot", Hash(png));
                s.Files.Upload(record.ScreenshotFileId, number + ".png", png, metadata);
            }

            if (capture.Pdf is { Length: > 0 } pdf)
            {
                (record.PdfFileId, record.PdfSha256) = ($"evidence/{number}/pdf", Hash(pdf));
                s.Files.Upload(record.PdfFileId, number + ".pdf", pdf, metadata);
            }

            s.Evidence.Add(record);
            return record;
        });
    }

    /// <summary>An incident's evidence, oldest capture first.</summary>
    public IReadOnlyList<EvidenceRecord> List(string incidentNumber) => db.Read(s => s.Evidence.Of(incidentNumber));

    /// <summary>The evidence numbers of an incident, for the ledger.</summary>
    public IEnumerable<string> Numbers(Incident incident) => List(incident.Number).Select(x => x.Id);

    public EvidenceRecord? Find(string number) => db.Read(s => s.Evidence.Find(number));

    public byte[] ReadRaw(EvidenceRecord record) => Read(record.RawFileId);

    public string ReadText(EvidenceRecord record) => Encoding.UTF8.GetString(Read(record.TextFileId));

    /// <summary>Each capture as its raw file (e.g. <c>XJ-2026-0042-01.html</c>) and its text (<c>….txt</c>).</summary>
    public IReadOnlyList<EvidenceFile> Files(string incidentNumber) => List(incidentNumber)
        .SelectMany(r => new[]
        {
            new EvidenceFile(r.Id + Extension(r.ContentType), r.ContentType, ReadRaw(r)),
            new EvidenceFile(r.Id + ".txt", "text/plain; charset=utf-8", Read(r.TextFileId)),
        })
        .ToList();

    /// <summary>An entry's files: raw page, text, and the screenshot and PDF print when the browser took them.</summary>
    public IReadOnlyList<EvidencePart> Parts(EvidenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        List<EvidencePart> parts =
        [
            new(EvidencePartKind.Raw, new EvidenceFile(record.Id + Extension(record.ContentType), record.ContentType, ReadRaw(record)), record.Sha256),
            new(EvidencePartKind.Text, new EvidenceFile(record.Id + ".txt", "text/plain; charset=utf-8", Read(record.TextFileId)), record.TextSha256),
        ];
        if (record.ScreenshotFileId is { } png)
        {
            parts.Add(new(EvidencePartKind.Screenshot, new EvidenceFile(record.Id + ".png", "image/png", Read(png)), record.ScreenshotSha256 ?? ""));
        }

        if (record.PdfFileId is { } pdf)
        {
            parts.Add(new(EvidencePartKind.Pdf, new EvidenceFile(record.Id + ".pdf", "application/pdf", Read(pdf)), record.PdfSha256 ?? ""));
        }

        return parts;
    }

    /// <summary>Re-hashes the stored bytes and compares them with the hashes taken at capture.</summary>
    public EvidenceCheck Verify(EvidenceRecord record) =>
        new(record.Id, Hash(ReadRaw(record)) == record.Sha256, Hash(Read(record.TextFileId)) == record.TextSha256,
            Parts(record).Where(p => p.Kind is EvidencePartKind.Screenshot or EvidencePartKind.Pdf).All(p => Hash(p.File.Content) == p.RecordedSha256));

    /// <summary>The category code of the first topic that has one, else the default (其他).</summary>
    public string CategoryOf(Incident incident)
    {
        foreach (var topic in incident.Topics)
        {
            if (options.Value.EvidenceCategories.TryGetValue(topic, out var code))
            {
                return code;
            }
        }

        return options.Value.DefaultEvidenceCategory;
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    // A missing file reads as empty, so its hash no longer matches and the mismatch is reported, not thrown.
    private byte[] Read(string fileId) => db.Read(s => s.Files.Download(fileId)) ?? [];

    public static string Extension(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "text/html" or "application/xhtml+xml" => ".html",
        "application/json" or "application/feed+json" => ".json",
        "application/rss+xml" or "application/atom+xml" or "application/xml" or "text/xml" => ".xml",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "text/plain" => ".raw.txt",
        _ => ".bin",
    };
}
