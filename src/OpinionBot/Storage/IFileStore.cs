namespace OpinionBot.Storage;

/// <summary>Stored files (evidence, generated documents, outgoing uploads), written in the same transaction as the records that name them.</summary>
public interface IFileStore
{
    bool Exists(string id);

    /// <summary>Stores a file; <paramref name="metadata"/> is kept beside it (e.g. the incident and hash of evidence).</summary>
    void Upload(string id, string fileName, ReadOnlySpan<byte> content, IReadOnlyDictionary<string, string>? metadata = null);

    /// <summary>The file's bytes, or null when there is no such file.</summary>
    byte[]? Download(string id);

    bool Delete(string id);

    /// <summary>Every stored file's id, name and metadata (not its bytes), ordered by id: for copying between providers.</summary>
    IReadOnlyList<StoredFile> List();
}

/// <summary>What is known about a stored file besides its bytes.</summary>
public sealed record StoredFile(string Id, string FileName, IReadOnlyDictionary<string, string> Metadata);
