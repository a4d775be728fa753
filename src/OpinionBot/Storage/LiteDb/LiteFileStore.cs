using LiteDB;

namespace OpinionBot.Storage.LiteDb;

/// <summary>Files in the LiteDB file's own file storage.</summary>
internal sealed class LiteFileStore(LiteDatabase database, LiteTransaction transaction) : IFileStore
{
    public bool Exists(string id)
    {
        transaction.EnsureOpen();
        return database.FileStorage.Exists(id);
    }

    public void Upload(string id, string fileName, ReadOnlySpan<byte> content, IReadOnlyDictionary<string, string>? metadata = null)
    {
        transaction.EnsureWritable();
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        var info = database.FileStorage.Upload(id, fileName, stream);
        if (metadata is { Count: > 0 })
        {
            var document = new BsonDocument();
            foreach (var (key, value) in metadata)
            {
                document[key] = value;
            }

            database.FileStorage.SetMetadata(info.Id, document);
        }
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
}
