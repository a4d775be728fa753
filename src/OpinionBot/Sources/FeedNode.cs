using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace OpinionBot.Sources;

/// <summary>
/// A small XML tree that survives broken feeds: names keep their prefix (undeclared prefixes are common), and a parse
/// error keeps everything read before it, so a truncated feed still yields its complete items.
/// </summary>
public sealed partial class FeedNode(string name)
{
    /// <summary>The qualified name as written, e.g. <c>content:encoded</c>.</summary>
    public string Name { get; } = name;

    public string LocalName => Name[(Name.IndexOf(':', StringComparison.Ordinal) + 1)..];

    public string Prefix => Name.Contains(':', StringComparison.Ordinal) ? Name[..Name.IndexOf(':', StringComparison.Ordinal)] : "";

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<FeedNode> Children { get; } = [];

    public StringBuilder Text { get; } = new();

    public string? Attribute(string name) => Attributes.GetValueOrDefault(name);

    /// <summary>The text of this node and everything under it (Atom's inline XHTML content).</summary>
    public string AllText() => Children.Count == 0
        ? Text.ToString()
        : Text + string.Concat(Children.Select(c => c.AllText()));

    /// <summary>The first child with one of the names, matched on the local name when the child's prefix is a core one.</summary>
    public FeedNode? Child(params string[] names)
    {
        foreach (var name in names)
        {
            foreach (var child in Children)
            {
                if (name.Contains(':', StringComparison.Ordinal)
                        ? string.Equals(child.Name, name, StringComparison.OrdinalIgnoreCase)
                        : string.Equals(child.LocalName, name, StringComparison.OrdinalIgnoreCase) &&
                          child.Prefix is "" or "atom" or "rss" or "rdf" or "a" or "feed")
                {
                    return child;
                }
            }
        }

        return null;
    }

    public IEnumerable<FeedNode> Descendants()
    {
        foreach (var child in Children)
        {
            yield return child;
            foreach (var d in child.Descendants())
            {
                yield return d;
            }
        }
    }

    /// <summary>Parses <paramref name="xml"/>; <paramref name="error"/> says where it broke when it did.</summary>
    public static FeedNode Parse(string xml, out string? error)
    {
        var root = new FeedNode("#document");
        error = null;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            CheckCharacters = false,
            IgnoreProcessingInstructions = true,
            IgnoreComments = true,
            MaxCharactersFromEntities = 1024,
        };
        // Namespaces off: a feed that uses a prefix it never declared is still read (names keep their prefix).
        // The text is already decoded, so the declaration has nothing left to say; some feeds put it after a comment.
        xml = XmlDeclaration().Replace(xml, "", 1);
        using var text = new XmlTextReader(new StringReader(xml)) { Namespaces = false, DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(text, settings);
        var stack = new Stack<FeedNode>();
        stack.Push(root);
        try
        {
            while (reader.Read())
            {
                Apply(reader, stack);
            }
        }
        catch (XmlException ex)
        {
            error = $"line {ex.LineNumber}: {ex.Message}";
        }

        return root;
    }

    /// <summary>Fixes what breaks most feeds: bare ampersands, HTML entities, control characters.</summary>
    public static string Repair(string xml)
    {
        var fixedEntities = EntityPattern().Replace(xml, m =>
        {
            var entity = m.Value;
            if (entity is "&amp;" or "&lt;" or "&gt;" or "&quot;" or "&apos;" || entity.StartsWith("&#", StringComparison.Ordinal))
            {
                return entity;
            }

            var decoded = System.Net.WebUtility.HtmlDecode(entity);
            return decoded == entity ? "&amp;" + entity[1..] : string.Concat(decoded.Select(c => $"&#{(int)c};"));
        });
        fixedEntities = BareAmpersand().Replace(fixedEntities, "&amp;");
        return ControlCharacters().Replace(fixedEntities, "");
    }

    private static void Apply(XmlReader reader, Stack<FeedNode> stack)
    {
        switch (reader.NodeType)
        {
            case XmlNodeType.Element:
                var node = new FeedNode(reader.Name);
                var empty = reader.IsEmptyElement;
                if (reader.MoveToFirstAttribute())
                {
                    do
                    {
                        node.Attributes[reader.Name] = reader.Value;
                    }
                    while (reader.MoveToNextAttribute());
                    reader.MoveToElement();
                }

                stack.Peek().Children.Add(node);
                if (!empty)
                {
                    stack.Push(node);
                }

                break;
            case XmlNodeType.EndElement when stack.Count > 1:
                stack.Pop();
                break;
            case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                stack.Peek().Text.Append(reader.Value);
                break;
        }
    }

    [GeneratedRegex(@"<\?xml\s[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"&[A-Za-z][A-Za-z0-9]{0,31};|&#[0-9]{1,7};|&#x[0-9A-Fa-f]{1,6};")]
    private static partial Regex EntityPattern();

    [GeneratedRegex(@"&(?!(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)")]
    private static partial Regex BareAmpersand();

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F]")]
    private static partial Regex ControlCharacters();
}
