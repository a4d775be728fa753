using System.Buffers.Binary;

namespace OpinionBot.Tests.Support;

/// <summary>Telegram refuses photos it cannot decode; the fake accepts PNG (reading its size) and JPEG.</summary>
internal static class ImageSize
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool TryRead(byte[] bytes, out (int Width, int Height) size)
    {
        size = (0, 0);
        if (bytes.Length >= 24 && bytes.AsSpan(0, 8).SequenceEqual(PngSignature))
        {
            size = (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
            return true;
        }

        // JPEG: the size sits in a SOF segment that is not worth parsing here; a 0x0 size is still a valid answer.
        return bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
    }
}
