using LiteDB;
using NpgsqlTypes;

namespace OpinionBot.Storage.Postgres;

/// <summary>Files in <c>ob_files</c>, one row each, in the same transaction as the documents that name them.</summary>
internal sealed class PostgresFileStore(PostgresTransaction transaction) : IFileStore
{
    public bool Exists(string id)
    {
        transaction.EnsureOpen();
        using var command = transaction.Command("SELECT 1 FROM ob_files WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return command.ExecuteScalar() is not null;
    }

    public void Upload(string id, string fileName, ReadOnlySpan<byte> content, IReadOnlyDictionary<string, string>? metadata = null)
    {
        transaction.EnsureWritable();
        // As in LiteDB, uploading again replaces the bytes and keeps the metadata unless new metadata is given.
        using var command = transaction.Command(
            "INSERT INTO ob_files (id, file_name, metadata, data) VALUES (@id, @name, @metadata, @data) " +
            "ON CONFLICT (id) DO UPDATE SET file_name = EXCLUDED.file_name, data = EXCLUDED.data, " +
            "metadata = COALESCE(EXCLUDED.metadata, ob_files.metadata)");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", fileName);
        command.Parameters.Add(new("metadata", NpgsqlDbType.Jsonb) { Value = metadata is { Count: > 0 } ? Json(metadata) : DBNull.Value });
        command.Parameters.AddWithValue("data", content.ToArray());
        command.ExecuteNonQuery();
    }

    public byte[]? Download(string id)
    {
        transaction.EnsureOpen();
        using var command = transaction.Command("SELECT data FROM ob_files WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return command.ExecuteScalar() as byte[];
    }

    public bool Delete(string id)
    {
        transaction.EnsureWritable();
        using var command = transaction.Command("DELETE FROM ob_files WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return command.ExecuteNonQuery() > 0;
    }

    public IReadOnlyList<StoredFile> List()
    {
        transaction.EnsureOpen();
        using var command = transaction.Command("SELECT id, file_name, metadata FROM ob_files ORDER BY id COLLATE \"C\"");
        using var reader = command.ExecuteReader();
        var files = new List<StoredFile>();
        while (reader.Read())
        {
            var metadata = reader.IsDBNull(2) ? [] : JsonDocuments.DocumentFromJson(reader.GetString(2))
                .ToDictionary(pair => pair.Key, pair => pair.Value.IsString ? pair.Value.AsString : pair.Value.ToString());
            files.Add(new StoredFile(reader.GetString(0), reader.GetString(1), metadata));
        }

        return files;
    }

    private static string Json(IReadOnlyDictionary<string, string> metadata)
    {
        var document = new BsonDocument();
        foreach (var (key, value) in metadata)
        {
            document[key] = value;
        }

        return JsonDocuments.ToJson(document);
    }
}
