using Microsoft.Extensions.Options;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Reports.Evidence;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Reports.Documents;

/// <summary>
/// Makes the file a <see cref="DocumentOrder"/> stands for. Called by the sender just before the file goes out, never
/// inside a transaction: it only reads, each read a short session of its own.
/// </summary>
public sealed class DocumentMaker(
    OpinionDatabase db,
    DocumentIssuer issuer,
    EvidenceStore evidence,
    PeopleDirectory people,
    IOptionsMonitor<ReportsOptions> reports,
    IOptionsMonitor<DeadlineOptions> deadlines)
{
    public MadeDocument Make(DocumentOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var text = Strings.For(order.Culture);
        var zone = reports.CurrentValue.ResolveZone();
        return order.Kind switch
        {
            DocumentKind.Notice => new(Official(order, ContactSheet.Build(Incident(order), order.Department ?? "", Heading(order), text, zone, order.AsOf)), null),
            DocumentKind.Special => new(Special(order, text, zone), null),
            DocumentKind.Ledger => Ledger(order, text, zone),
            DocumentKind.TrendChart => new(Chart(order, text), null),
            DocumentKind.EvidencePart => Evidence(order, text, zone),
            _ => throw new InvalidDataException($"Unknown document kind {order.Kind}."),
        };
    }

    private byte[] Special(DocumentOrder order, Strings text, TimeZoneInfo zone)
    {
        var incident = Incident(order);
        var report = SpecialReport.Build(incident, evidence.List(incident.Number), text, zone, order.AsOf, people.NameOf);
        return Official(order, report.Official(Heading(order), text));
    }

    private byte[] Official(DocumentOrder order, OfficialDocument document) => order.Format switch
    {
        "docx" => OfficialDocx.Write(document),
        "pdf" => issuer.Pdf(document) ?? throw new InvalidOperationException("No CJK font is installed any more: the PDF cannot be printed."),
        _ => throw new InvalidDataException($"A {order.Kind} is not made as {order.Format}."),
    };

    private MadeDocument Ledger(DocumentOrder order, Strings text, TimeZoneInfo zone)
    {
        var (from, to) = (DocumentOrder.Day(order.From), DocumentOrder.Day(order.To));
        var exporter = new LedgerExporter(text, zone, deadlines.CurrentValue);
        var (start, end) = (ZonedTime.StartOfDay(from, zone), ZonedTime.StartOfDay(to.AddDays(1), zone));
        var rows = db.Read(s => exporter.Rows(s.Incidents.DiscoveredBetween(start, end), from, to, order.AsOf, people.NameOf, evidence.Numbers));
        var file = order.Format == "csv" ? exporter.Csv(rows) : exporter.Xlsx(rows);
        return new(file, text.LedgerCaption(from, to, rows.Count));
    }

    /// <summary>A trend chart from its order's counts (pure: no storage read).</summary>
    public static byte[] Chart(DocumentOrder order, Strings text)
    {
        var first = DocumentOrder.Day(order.From);
        var period = ReportPeriod.Containing(order.ReportKind, first);
        var days = (order.Chart ?? []).Select((d, i) => new DayCount(first.AddDays(i), d.General, d.Larger, d.Major)).ToList();
        return TrendChart.Render(days, period, text);
    }

    /// <summary>An evidence file, its caption saying whether its bytes still hash to what was recorded at capture.</summary>
    private MadeDocument Evidence(DocumentOrder order, Strings text, TimeZoneInfo zone)
    {
        var record = evidence.Find(order.EvidenceId ?? "") ?? throw new InvalidDataException($"Evidence {order.EvidenceId} is not stored.");
        var part = evidence.Parts(record).FirstOrDefault(p => p.Kind == order.Part) ??
                   throw new InvalidDataException($"Evidence {order.EvidenceId} has no {order.Part} file.");
        var content = order.Preview
            ? ScreenshotPreview.Of(part.File.Content) ?? throw new InvalidDataException($"The screenshot of {order.EvidenceId} cannot be read.")
            : part.File.Content;
        var name = order.Preview ? text.EvidencePreview : part.Kind switch
        {
            EvidencePartKind.Raw => text.EvidenceRaw,
            EvidencePartKind.Text => text.EvidenceText,
            EvidencePartKind.Screenshot => text.EvidenceScreenshot,
            _ => text.EvidencePdf,
        };
        return new(content, TelegramText.Escape(EvidenceCaption(text, record, name, part, zone)));
    }

    private static string EvidenceCaption(Strings text, EvidenceRecord record, string part, EvidencePart file, TimeZoneInfo zone)
    {
        var actual = EvidenceStore.Hash(file.File.Content);
        var check = actual == file.RecordedSha256 ? text.EvidenceVerified : text.EvidenceTampered(actual);
        var final = record.FinalUrl is { Length: > 0 } url ? "\n" + text.EvidenceFinalUrl(url.Length > 300 ? url[..300] + "…" : url) : "";
        return text.EvidenceCaption(record.Id, part, ZonedTime.Format(record.CapturedAt, zone), record.HttpStatus, file.RecordedSha256) + final + "\n" + check;
    }

    private Incident Incident(DocumentOrder order) =>
        db.Read(s => s.Incidents.Get(order.IncidentId)) ?? throw new InvalidDataException($"Incident {order.IncidentId} is not stored.");

    private static DocumentHeading Heading(DocumentOrder order) =>
        order.Heading?.ToHeading() ?? throw new InvalidDataException($"The {order.Kind} order has no heading.");
}

/// <summary>A made file, and for a ledger the caption that counts its rows.</summary>
public sealed record MadeDocument(byte[] Content, string? Caption);
