namespace OpinionBot.Sources;

/// <summary>
/// A page's bytes turned into text. <see cref="Problem"/> is set (and <see cref="Text"/> empty) when the bytes could not
/// be decoded without garbling: the caller reports it instead of storing mojibake.
/// </summary>
/// <param name="Encoding">The encoding actually used, e.g. <c>GB18030</c>.</param>
/// <param name="Declared">What the server or the document claimed, when it claimed anything.</param>
public sealed record DecodedText(string Text, string Encoding, string? Declared, string? Problem = null)
{
    public bool Failed => Problem is not null;

    /// <summary>True when the declaration was overruled by the bytes (a page that lies about its charset).</summary>
    public bool DeclarationOverruled => Declared is not null && !Failed &&
        !string.Equals(Declared, Encoding, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What kind of document the bytes hold; decides where a declaration is looked for.</summary>
public enum DocumentKind
{
    Html,
    Xml,
    Json,
}
