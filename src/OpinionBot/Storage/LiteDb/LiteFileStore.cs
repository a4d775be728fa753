using LiteDB;

namespace OpinionBot.Storage.LiteDb;

/// <summary>Files in the LiteDB file's own file storage.</summary>
internal sealed class LiteFileStore(LiteDatabase database, LiteTransaction transaction) : IFileStore
{
    private const string FilesCollection = "_files";
    private const string ChunksCollection = "_chunks";
    private const int ChunkSize = LiteFileStream<string>.MAX_CHUNK_SIZE;

    public bool Exists(string id)
    {
        transaction.EnsureOpen();
        return database.FileStorage.Exists(id);
    }

    // LiteDB's FileStorage.Upload writes through LiteFileStream, which takes two 255 KB buffers for every file, however
    // small: large-object-heap garbage that, at a few thousand 25 KB evidence files a minute, kept the GC's large-object
    // heap and its background collections busy (the steady load run's largest memory churn). The same two collections
    // are written here directly, in LiteDB's own format (so FileStorage reads them, and files written before read the
    // same): "_files" {_id, filename, mimeType, length, chunks, uploadDate, metadata} and "_chunks" {_id: {f, n}, data},
    // chunks of 255 KB, each array exactly as long as its part.
    public void Upload(string id, string fileName, ReadOnlySpan<byte> content, IReadOnlyDictionary<string, string>? metadata = null)
    {
        transaction.EnsureWritable();
        var files = database.GetCollection(FilesCollection);
        var chunks = database.GetCollection(ChunksCollection);
        var existing = files.FindById(id);
        if (existing is not null)
        {
            chunks.DeleteMany("_id BETWEEN { f: @0, n: 0 } AND { f: @0, n: @1 }", id, int.MaxValue);
        }

        var count = 0;
        for (var at = 0; at < content.Length; at += ChunkSize, count++)
        {
            var part = content.Slice(at, Math.Min(ChunkSize, content.Length - at));
            chunks.Insert(new BsonDocument { ["_id"] = new BsonDocument { ["f"] = id, ["n"] = count }, ["data"] = part.ToArray() });
        }

        // As LiteDB does: uploading again without metadata keeps the file's metadata.
        var kept = metadata is { Count: > 0 } ? Document(metadata) : existing?["metadata"] as BsonDocument ?? [];
        files.Upsert(new BsonDocument
        {
            ["_id"] = id,
            ["filename"] = Path.GetFileName(fileName),
            ["mimeType"] = MimeType(fileName),
            ["length"] = (long)content.Length,
            ["chunks"] = count,
            ["uploadDate"] = DateTime.UtcNow,
            ["metadata"] = kept,
        });
    }

    public byte[]? Download(string id)
    {
        transaction.EnsureOpen();
        if (!database.FileStorage.Exists(id))
        {
            return null;
        }

        using var buffer = new MemoryStream();
        database.FileStorage.Download(id, buffer);
        return buffer.ToArray();
    }

    public bool Delete(string id)
    {
        transaction.EnsureWritable();
        return database.FileStorage.Delete(id);
    }

    public IReadOnlyList<StoredFile> List()
    {
        transaction.EnsureOpen();
        return database.FileStorage.FindAll()
            .OrderBy(file => file.Id, StringComparer.Ordinal)
            .Select(file => new StoredFile(
                file.Id,
                file.Filename,
                file.Metadata.ToDictionary(pair => pair.Key, pair => pair.Value.IsString ? pair.Value.AsString : pair.Value.ToString())))
            .ToList();
    }

    private static BsonDocument Document(IReadOnlyDictionary<string, string> metadata)
    {
        var document = new BsonDocument();
        foreach (var (key, value) in metadata)
        {
            document[key] = value;
        }

        return document;
    }

    // LiteDB's own mapping for the kinds of file the bot stores; nothing reads it back, it is kept for tools that do.
    private static string MimeType(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html",
        ".txt" => "text/plain",
        ".json" => "application/json",
        ".xml" => "text/xml",
        ".csv" => "text/csv",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".pdf" => "application/pdf",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };
}
