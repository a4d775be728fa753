using System.Text;
using System.Xml;

namespace OpinionBot.Reports;

/// <summary>Makes page text (hostile input) safe to put into Office XML.</summary>
public static class DocumentText
{
    /// <summary>Drops characters XML 1.0 cannot hold (control characters, lone surrogates) and caps the length.</summary>
    public static string Clean(string? value, int maxLength = 32_000)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        for (var i = 0; i < value.Length && builder.Length < maxLength; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
