using System.Text;
using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Reports;

/// <summary>
/// The ledger (台账) of incidents discovered in a range of local days, as an .xlsx workbook or a UTF-8 CSV with BOM
/// (so Excel shows the Chinese text correctly).
/// </summary>
public sealed class LedgerExporter(Strings text, TimeZoneInfo zone, DeadlineOptions deadlines)
{
    /// <summary>
    /// The rows for incidents discovered from <paramref name="from"/> to <paramref name="to"/> (local days, inclusive),
    /// oldest first. <paramref name="personName"/> turns an assignee id into a name; <paramref name="evidenceNumbers"/>
    /// lists an incident's evidence numbers (e.g. <see cref="EvidenceStore.Numbers"/>).
    /// </summary>
    public IReadOnlyList<LedgerRow> Rows(
        IEnumerable<Incident> incidents, DateOnly from, DateOnly to, DateTimeOffset now,
        Func<long, string?>? personName = null, Func<Incident, IEnumerable<string>>? evidenceNumbers = null)
    {
        var start = ZonedTime.StartOfDay(from, zone);
        var end = ZonedTime.StartOfDay(to.AddDays(1), zone);
        return incidents
            .Where(i => i.Discovered >= start && i.Discovered < end)
            .OrderBy(i => i.Discovered)
            .ThenBy(i => i.Number, StringComparer.Ordinal)
            .Select((i, n) => LedgerColumn.For(i, text, zone, deadlines, now, personName, evidenceNumbers) with { Sequence = n + 1 })
            .ToList();
    }

    public byte[] Xlsx(IReadOnlyList<LedgerRow> rows) =>
        LedgerWorkbook.Write(text.LedgerSheet, Headers(), LedgerColumn.All, rows);

    public byte[] Csv(IReadOnlyList<LedgerRow> rows)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Headers().Select(Quote)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', LedgerColumn.All.Select(c => Quote(c.Value(row) switch
            {
                DateTime date => date.ToString("yyyy-MM-dd HH:mm"),
                int count => count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string value => Defuse(value),
                _ => "",
            }))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>e.g. <c>舆情台账_2026-03-01_2026-03-31.xlsx</c>.</summary>
    public string FileName(DateOnly from, DateOnly to, string extension) =>
        $"{text.LedgerFilePrefix}_{from:yyyy-MM-dd}_{to:yyyy-MM-dd}.{extension}";

    private List<string> Headers() => LedgerColumn.All.Select(c => c.Header(text)).ToList();

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    // Titles come from web pages: a cell starting with = + - @ would run as a formula when the CSV is opened in Excel.
    private static string Defuse(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
