using System.Globalization;

namespace OpinionBot.Reports.Documents;

/// <summary>
/// A file to make just before it is sent: what it is and everything fixed when it was asked for (the 期号, the
/// language, the moment it is as of, the chart's counts). Stored in the outbox in the same transaction as the request,
/// so it survives a crash; <see cref="DocumentMaker"/> makes it outside any transaction, so building a year's ledger or a
/// PDF never holds up intake or the sender.
/// </summary>
public sealed class DocumentOrder
{
    public DocumentKind Kind { get; set; }

    /// <summary>docx, pdf, xlsx, csv or png.</summary>
    public string Format { get; set; } = "";

    /// <summary>The language of the chat it goes to (zh-CN or en).</summary>
    public string Culture { get; set; } = "zh-CN";

    /// <summary>The moment the document speaks of: when it was asked for.</summary>
    public DateTimeOffset AsOf { get; set; }

    /// <summary>抄告单 and 专报: the incident (its state when the file is made, seconds after the request).</summary>
    public long IncidentId { get; set; }

    /// <summary>抄告单: the department it goes to.</summary>
    public string? Department { get; set; }

    /// <summary>抄告单 and 专报: the heading issued with the request (the 期号 is taken once, there).</summary>
    public OrderedHeading? Heading { get; set; }

    /// <summary>Ledger and chart: the first and last local day (yyyy-MM-dd).</summary>
    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>Chart: the report kind and the counts per day from <see cref="From"/>, as the report's text counted them.</summary>
    public ReportKind ReportKind { get; set; }

    public List<ChartDay>? Chart { get; set; }

    /// <summary>Evidence: the entry's number (e.g. XJ-2026-0042-01), which of its files, and whether as a preview photo.</summary>
    public string? EvidenceId { get; set; }

    public EvidencePartKind Part { get; set; }

    public bool Preview { get; set; }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Day(string? text) => DateOnly.ParseExact(text ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public enum DocumentKind
{
    /// <summary>网络舆情抄告单 to a department.</summary>
    Notice = 0,

    /// <summary>舆情专报 of an incident.</summary>
    Special = 1,

    /// <summary>The ledger (台账) of a span of days.</summary>
    Ledger = 2,

    /// <summary>A weekly or monthly report's trend chart.</summary>
    TrendChart = 3,

    /// <summary>One file of an evidence entry (its caption re-checks the hash), or its screenshot's preview.</summary>
    EvidencePart = 4,
}

/// <summary>A <see cref="DocumentHeading"/> as stored in an order.</summary>
public sealed class OrderedHeading
{
    public string Unit { get; set; } = "";
    public int Year { get; set; }
    public long? Issue { get; set; }
    public string Signer { get; set; } = "";
    public string? Classification { get; set; }
    public string Date { get; set; } = "";

    public static OrderedHeading Of(DocumentHeading heading) => new()
    {
        Unit = heading.Unit,
        Year = heading.Year,
        Issue = heading.Issue,
        Signer = heading.Signer,
        Classification = heading.Classification,
        Date = DocumentOrder.Day(heading.Date),
    };

    public DocumentHeading ToHeading() => new(Unit, Year, Issue, Signer, Classification, DocumentOrder.Day(Date));
}

/// <summary>One day's bar of a trend chart, by grade.</summary>
public sealed class ChartDay
{
    public int General { get; set; }
    public int Larger { get; set; }
    public int Major { get; set; }
}
