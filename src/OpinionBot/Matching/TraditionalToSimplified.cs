namespace OpinionBot.Matching;

/// <summary>
/// The Traditional → Simplified character table (<c>Matching/Data/t2s.txt</c>, generated from OpenCC's t2s data by
/// <c>make-t2s.sh</c>; Apache-2.0, see <c>OPENCC-LICENSE.txt</c>), embedded in the assembly. One character to one
/// character: phrase conversions are not applied, which matching does not need.
/// </summary>
public static class TraditionalToSimplified
{
    public const string ResourceName = "OpinionBot.Matching.Data.t2s.txt";

    public static IEnumerable<(char Traditional, char Simplified)> Pairs()
    {
        using var stream = typeof(TraditionalToSimplified).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var pairs = new List<(char, char)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 2 && line[0] != '#')
            {
                pairs.Add((line[0], line[1]));
            }
        }

        return pairs;
    }
}
