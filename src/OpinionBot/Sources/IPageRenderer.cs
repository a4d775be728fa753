namespace OpinionBot.Sources;

/// <summary>Reads a page as a browser shows it, after its scripts ran (sources with <c>Fetch: browser</c>).</summary>
public interface IPageRenderer
{
    /// <summary>A browser is installed and allowed.</summary>
    bool Available { get; }

    /// <summary>The rendered page; throws <see cref="FetchException"/> when it is refused or cannot be loaded.</summary>
    Task<RenderedPage> RenderAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>The page's DOM as HTML after rendering, where it ended up, and the HTTP status of the page itself.</summary>
public sealed record RenderedPage(Uri FinalUrl, int Status, string Html);
