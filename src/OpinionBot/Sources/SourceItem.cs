namespace OpinionBot.Sources;

/// <summary>One post or article as a source yields it, before judgement.</summary>
/// <param name="Url">Canonical URL: the identity used for de-duplication.</param>
/// <param name="Published">When the site says it was published; null when unknown.</param>
public sealed record SourceItem(
    string Url,
    string Title,
    string Text,
    DateTimeOffset? Published,
    string? Author = null,
    int? Replies = null,
    int? Views = null);
