using SkiaSharp;

namespace OpinionBot.Reports.Evidence;

/// <summary>
/// A view of a full-page screenshot Telegram accepts as a photo (width + height at most 10000, sides at most 20:1):
/// the top of the page, at most twice as tall as wide. The full PNG itself goes as a document, hash checked.
/// </summary>
public static class ScreenshotPreview
{
    public const int MaxSide = 2560;

    /// <summary>The preview, or null when the bytes are not an image Skia can read.</summary>
    public static byte[]? Of(byte[] png)
    {
        // SKBitmap.Decode throws on bytes no codec recognises; a stored file that is not an image is "no preview".
        using var bytes = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(bytes);
        if (codec is null)
        {
            return null;
        }

        using var image = SKBitmap.Decode(codec);
        if (image is null || image.Width == 0 || image.Height == 0)
        {
            return null;
        }

        var scale = Math.Min(1f, MaxSide / 2f / image.Width);
        var width = Math.Max(1, (int)(image.Width * scale));
        var sourceHeight = Math.Min(image.Height, image.Width * 2);
        var height = Math.Max(1, (int)(sourceHeight * scale));
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.White);
        using var paint = new SKPaint { IsAntialias = true };
        using var source = SKImage.FromBitmap(image);
        surface.Canvas.DrawImage(source, SKRect.Create(0, 0, image.Width, sourceHeight), SKRect.Create(0, 0, width, height),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }
}
