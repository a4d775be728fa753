namespace OpinionBot.Reports.Documents;

/// <summary>
/// A document in the official layout (公文格式) both the 舆情专报 and the 网络舆情抄告单 use: an optional 密级 line,
/// the red header (红头: the unit and the document's name), the issue line (期号), the sender and signer line above a red
/// rule, a centred title, numbered sections, and the date. Plain text throughout; each renderer escapes it.
/// </summary>
public sealed record OfficialDocument(
    string Unit,
    string Kind,
    string? Issue,
    string? Classification,
    string SenderLine,
    string SignerLine,
    string Date,
    string Title,
    IReadOnlyList<SpecialReportSection> Sections)
{
    /// <summary>Every line of text in reading order, e.g. for a check of which script a document uses.</summary>
    public IEnumerable<string> Lines()
    {
        if (Classification is { Length: > 0 } classification)
        {
            yield return classification;
        }

        yield return Unit;
        yield return Kind;
        if (Issue is { Length: > 0 } issue)
        {
            yield return issue;
        }

        yield return SenderLine;
        yield return SignerLine;
        yield return Title;
        foreach (var section in Sections)
        {
            yield return section.Heading;
            foreach (var paragraph in section.Paragraphs)
            {
                yield return paragraph;
            }
        }

        yield return Date;
    }
}

/// <summary>Who issues the documents: the <c>Reports</c> settings <c>Unit</c>, <c>Signer</c>, <c>Classification</c>, <c>FontFile</c>.</summary>
public sealed class DocumentOptions
{
    /// <summary>The unit named in the red header and as 报送单位, e.g. <c>某某县网络舆情工作领导小组办公室</c>.</summary>
    public string Unit { get; set; } = "";

    /// <summary>签发人; when empty, the person who asked for the document.</summary>
    public string Signer { get; set; } = "";

    /// <summary>密级 line printed at the top left when set, e.g. <c>内部</c>.</summary>
    public string Classification { get; set; } = "";

    /// <summary>A CJK font file (.ttc/.otf/.ttf) for PDFs; by default the first Noto CJK / WenQuanYi / AR PL font found.</summary>
    public string FontFile { get; set; } = "";
}
