namespace OpinionBot.Sources;

/// <summary>
/// One feed entry in format-neutral form: RSS, RDF, Atom and JSON Feed all fill this, and one method turns it into
/// a <see cref="SourceItem"/>, so every format is judged by the same rules.
/// </summary>
internal sealed record FeedEntry(string? Title, string? Link, string? Html, string? PlainText, string? Date, string? Author)
{
    public SourceItem? ToItem(Uri baseUrl, TimeZoneInfo zone, DateTimeOffset now, List<string> undated)
    {
        var url = CanonicalUrl.From(Link, baseUrl);
        if (url is null)
        {
            return null;
        }

        var text = !string.IsNullOrWhiteSpace(Html) ? HtmlText.FromHtml(Html) : HtmlText.Tidy(PlainText ?? "");
        var title = HtmlText.Line(HtmlText.FromHtml(Title));
        if (title.Length == 0)
        {
            title = text.Length > 60 ? text[..60] + "…" : text;
        }

        var published = PublishedDates.Parse(Date, zone, now);
        if (published is null && !string.IsNullOrWhiteSpace(Date))
        {
            undated.Add(Date.Trim());
        }

        var author = HtmlText.Line(Author);
        return new SourceItem(url, HtmlExtractor.Clean(title), text, published, author.Length == 0 ? null : author);
    }
}
