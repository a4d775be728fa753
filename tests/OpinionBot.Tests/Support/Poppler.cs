using System.Diagnostics;

namespace OpinionBot.Tests.Support;

/// <summary>Reads PDFs back with poppler-utils: the text layer (pdftotext) and a page rendered to PNG (pdftoppm).</summary>
public static class Poppler
{
    public static string Text(byte[] pdf) => Run("pdftotext", pdf, (input, output) => ["-layout", input, output], ".txt") is { } bytes
        ? System.Text.Encoding.UTF8.GetString(bytes) : "";

    /// <summary>Page <paramref name="page"/> as a PNG at <paramref name="dpi"/>.</summary>
    public static byte[] Png(byte[] pdf, int page = 1, int dpi = 60) =>
        Run("pdftoppm", pdf, (input, output) => ["-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-singlefile", input, output[..^4]], ".png") ?? [];

    /// <summary>How many pages pdfinfo-less counting finds: the number of page objects.</summary>
    public static int Pages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]");

    private static byte[]? Run(string program, byte[] pdf, Func<string, string, string[]> arguments, string extension)
    {
        var folder = Directory.CreateTempSubdirectory("opinionbot-pdf").FullName;
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            var output = Path.Combine(folder, "out" + extension);
            File.WriteAllBytes(input, pdf);
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments(input, output))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {errors}");
            }

            return File.Exists(output) ? File.ReadAllBytes(output) : null;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
