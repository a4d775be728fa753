using System.Globalization;
using OpinionBot.Text;

namespace OpinionBot.Matching;

public enum LexiconRole
{
    Negative,
    Degree,
    Negation,
    Ignore,

    /// <summary>Praise (满意, 点赞, 畅通): subtracts its weight from the score; negated (不满意) it counts as negative.</summary>
    Praise,

    /// <summary>A rebuttal (辟谣, 不属实): the rumour's negative words are not counted, and the item is shown as 辟谣.</summary>
    Rebuttal,

    /// <summary>Prevention and publicity (防范, 演练, 宣传): negative words in the same clause describe no event.</summary>
    Context,

    /// <summary>Asking how (如何, 请问): negative words in the same clause are multiplied by the weight.</summary>
    Question,
}

/// <summary>One lexicon word in matching form; <see cref="Weight"/> is a score for negative words, a multiplier for degree words.</summary>
public sealed record LexiconEntry(string Key, bool Prefix, LexiconRole Role, double Weight, string Category);

/// <summary>
/// The negative-sentiment lexicon: the shipped <c>negative-lexicon.txt</c> plus an optional extra file in the same format
/// whose entries replace the shipped ones word by word. The format is described at the top of the shipped file.
/// </summary>
public sealed class NegativeLexicon
{
    public const string FileName = "negative-lexicon.txt";

    private NegativeLexicon(IReadOnlyList<LexiconEntry> entries) => Entries = entries;

    public IReadOnlyList<LexiconEntry> Entries { get; }

    /// <summary>The shipped lexicon beside the binary, then <paramref name="extraPath"/> when given.</summary>
    public static NegativeLexicon Load(string? extraPath = null, Strings? strings = null)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, FileName);
        var sources = new List<(string Name, IEnumerable<string> Lines)> { (shipped, File.ReadLines(shipped)) };
        if (!string.IsNullOrWhiteSpace(extraPath))
        {
            sources.Add((extraPath, File.ReadLines(extraPath)));
        }

        return Parse(sources, strings ?? Strings.Chinese);
    }

    /// <summary>Parses lexicon files in order; throws <see cref="FormatException"/> naming the file and line of a bad entry.</summary>
    public static NegativeLexicon Parse(IEnumerable<(string Name, IEnumerable<string> Lines)> files, Strings strings)
    {
        var entries = new Dictionary<string, LexiconEntry>(StringComparer.Ordinal);
        foreach (var (name, lines) in files)
        {
            var section = (Role: LexiconRole.Negative, Category: "");
            var number = 0;
            foreach (var raw in lines)
            {
                number++;
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                if (line.StartsWith('['))
                {
                    section = Section(line) ?? throw new FormatException(strings.LexiconBadLine(name, number, line));
                    continue;
                }

                var entry = Entry(line, section.Role, section.Category) ?? throw new FormatException(strings.LexiconBadLine(name, number, line));
                entries[entry.Key + (entry.Prefix ? "*" : "")] = entry;
            }
        }

        return new NegativeLexicon([.. entries.Values.Where(e => e.Role is not (LexiconRole.Negative or LexiconRole.Praise or LexiconRole.Rebuttal) || e.Weight > 0)]);
    }

    private static (LexiconRole, string)? Section(string line)
    {
        if (!line.EndsWith(']'))
        {
            return null;
        }

        var name = line[1..^1].Trim().ToLowerInvariant();
        return name switch
        {
            "degree" => (LexiconRole.Degree, ""),
            "negation" => (LexiconRole.Negation, ""),
            "ignore" => (LexiconRole.Ignore, ""),
            "praise" => (LexiconRole.Praise, ""),
            "rebuttal" => (LexiconRole.Rebuttal, ""),
            "context" => (LexiconRole.Context, ""),
            "question" => (LexiconRole.Question, ""),
            "negative" => (LexiconRole.Negative, ""),
            _ when name.StartsWith("negative:", StringComparison.Ordinal) => (LexiconRole.Negative, name[9..].Trim()),
            _ => null,
        };
    }

    private static LexiconEntry? Entry(string line, LexiconRole role, string category)
    {
        string word;
        string rest;
        if (line[0] is '"' or '“')
        {
            var close = line.IndexOfAny(['"', '”'], 1);
            if (close < 0)
            {
                return null;
            }

            (word, rest) = (line[1..close], line[(close + 1)..].Trim());
        }
        else
        {
            var space = line.IndexOfAny([' ', '\t']);
            (word, rest) = space < 0 ? (line, "") : (line[..space], line[space..].Trim());
        }

        var prefix = word.EndsWith('*');
        var key = TextNormalizer.NormalizeKeyword(prefix ? word[..^1] : word);
        var weight = role switch { LexiconRole.Degree => 1.5, LexiconRole.Question => 0.5, _ => 1.0 };
        if (key.Length == 0 || (rest.Length > 0 && !double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out weight)) || weight < 0)
        {
            return null;
        }

        return new LexiconEntry(key, prefix, role, weight, category);
    }
}
