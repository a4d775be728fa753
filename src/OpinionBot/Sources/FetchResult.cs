namespace OpinionBot.Sources;

/// <summary>A fetched response. <see cref="NotModified"/> (HTTP 304) comes with an empty body.</summary>
/// <param name="FinalUrl">The address after redirects: relative links on the page resolve against it.</param>
/// <param name="Charset">The charset from the Content-Type header, if any.</param>
public sealed record FetchResult(
    Uri FinalUrl,
    int StatusCode,
    byte[] Body,
    string? MediaType,
    string? Charset,
    string? ETag,
    string? LastModified)
{
    public bool NotModified => StatusCode == 304;
}

/// <summary>Validators saved from an earlier response, sent back so an unchanged page costs a 304.</summary>
public sealed record FetchValidators(string? ETag, string? LastModified);

public enum FetchFailureKind
{
    Blocked,
    Timeout,
    TooLarge,
    TooManyRedirects,
    HttpStatus,
    Network,

    /// <summary>The page arrived but cannot be used: undecodable bytes, not a feed, invalid selectors.</summary>
    Unreadable,
}

/// <summary>A read that produced no items; <see cref="Exception.Message"/> is one line a supervisor can act on.</summary>
public sealed class FetchException : Exception
{
    public FetchException(FetchFailureKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

    public FetchException()
    {
    }

    public FetchException(string message) : base(message)
    {
    }

    public FetchException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public FetchFailureKind Kind { get; } = FetchFailureKind.Network;
}
