using System.Globalization;
using LiteDB;
using Npgsql;
using NpgsqlTypes;

namespace OpinionBot.Storage.Postgres;

/// <summary>
/// Documents of one table as jsonb, written and read with the shared mapper so they read back as LiteDB's do. Queries
/// compare <c>doc->'Field'</c> with a jsonb value, which the expression indexes serve; an absent field counts as null
/// and sorts first, as in LiteDB (see <see cref="PostgresSchema.Field"/>).
/// </summary>
internal sealed class PostgresDocumentTable<T>(PostgresTransaction transaction, BsonMapper mapper, TableDefinition table) : IDocumentTable<T>
    where T : class
{
    private readonly string _name = PostgresSchema.TableName(table);

    public T? Get(object id)
    {
        transaction.EnsureOpen();
        using var command = transaction.Command($"SELECT doc FROM {_name} WHERE id = @id");
        command.Parameters.AddWithValue("id", Key(Value(id)));
        return Read(command).FirstOrDefault();
    }

    public IReadOnlySet<string> StoredIds(IReadOnlyCollection<string> ids)
    {
        transaction.EnsureOpen();
        var stored = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return stored;
        }

        using var command = transaction.Command($"SELECT id FROM {_name} WHERE id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", ids.Select(id => Key(new BsonValue(id))).Distinct(StringComparer.Ordinal).ToArray());
        var keys = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }
        }

        foreach (var id in ids)
        {
            if (keys.Contains(Key(new BsonValue(id))))
            {
                stored.Add(id);
            }
        }

        return stored;
    }

    public void Insert(T document)
    {
        transaction.EnsureWritable();
        var bson = ToDocument(document);
        if (NeedsId(bson["_id"]))
        {
            bson["_id"] = AssignId(document, bson["_id"]);
        }

        using var command = transaction.Command($"INSERT INTO {_name} (id, doc) VALUES (@id, @doc) ON CONFLICT DO NOTHING");
        AddDocument(command, bson);
        if (command.ExecuteNonQuery() == 0)
        {
            // ON CONFLICT keeps the transaction usable, as LiteDB's duplicate-key error does.
            throw new InvalidOperationException($"Cannot insert a duplicate key into {table.Name}: _id {bson["_id"]} or a unique field is taken.");
        }
    }

    public void Upsert(T document)
    {
        transaction.EnsureWritable();
        var bson = ToDocument(document);
        if (NeedsId(bson["_id"]))
        {
            Insert(document);
            return;
        }

        using var command = transaction.Command(
            $"INSERT INTO {_name} (id, doc) VALUES (@id, @doc) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc");
        AddDocument(command, bson);
        command.ExecuteNonQuery();
    }

    public bool Update(T document)
    {
        transaction.EnsureWritable();
        using var command = transaction.Command($"UPDATE {_name} SET doc = @doc WHERE id = @id");
        AddDocument(command, ToDocument(document));
        return command.ExecuteNonQuery() > 0;
    }

    public bool Delete(object id)
    {
        transaction.EnsureWritable();
        using var command = transaction.Command($"DELETE FROM {_name} WHERE id = @id");
        command.Parameters.AddWithValue("id", Key(Value(id)));
        return command.ExecuteNonQuery() > 0;
    }

    public IReadOnlyList<T> All()
    {
        transaction.EnsureOpen();
        using var command = transaction.Command($"SELECT doc FROM {_name} ORDER BY {PostgresSchema.Field("_id")}");
        return Read(command);
    }

    public IReadOnlyList<T> Where(string field, object? value)
    {
        transaction.EnsureOpen();
        using var command = transaction.Command(
            $"SELECT doc FROM {_name} WHERE {Equal(field, value)} ORDER BY {PostgresSchema.Field("_id")}");
        AddValue(command, "v", value);
        return Read(command);
    }

    public IReadOnlyList<T> Range(string field, object? from, object? until, int limit = int.MaxValue, bool descending = false)
    {
        transaction.EnsureOpen();
        using var command = RangeCommand("doc", field, from, until, limit, descending);
        return Read(command);
    }

    public IReadOnlyList<TPart> Where<TPart>(string field, object? value)
        where TPart : class
    {
        transaction.EnsureOpen();
        using var command = transaction.Command(
            $"SELECT {Projection<TPart>()} FROM {_name} WHERE {Equal(field, value)} ORDER BY {PostgresSchema.Field("_id")}");
        AddValue(command, "v", value);
        return ReadParts<TPart>(command);
    }

    public IReadOnlyList<TPart> Range<TPart>(string field, object? from, object? until, int limit = int.MaxValue, bool descending = false)
        where TPart : class
    {
        transaction.EnsureOpen();
        using var command = RangeCommand(Projection<TPart>(), field, from, until, limit, descending);
        return ReadParts<TPart>(command);
    }

    private NpgsqlCommand RangeCommand(string select, string field, object? from, object? until, int limit, bool descending)
    {
        var path = PostgresSchema.Field(Indexed(field));
        var conditions = new List<string>();
        if (from is not null)
        {
            conditions.Add($"{path} >= @from");
        }

        if (until is not null)
        {
            conditions.Add($"{path} < @until");
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var order = descending ? $"{path} DESC" : path;
        var sql = $"SELECT {select} FROM {_name}{where} ORDER BY {order}, {PostgresSchema.Field("_id")}";
        if (limit < int.MaxValue)
        {
            sql += " LIMIT " + Math.Max(0, limit).ToString(CultureInfo.InvariantCulture);
        }

        var command = transaction.Command(sql);
        AddValue(command, "from", from);
        AddValue(command, "until", until);
        return command;
    }

    // jsonb_build_object('_id', doc->'_id', 'ChatId', doc->'ChatId', ...): an absent field reads as null, as in LiteDB.
    private string Projection<TPart>() =>
        "jsonb_build_object(" + string.Join(", ", IdMembers.Fields(mapper, typeof(TPart)).Select(f =>
            $"'{f.Replace("'", "''", StringComparison.Ordinal)}', {PostgresSchema.Field(f)}")) + ")";

    private List<TPart> ReadParts<TPart>(NpgsqlCommand command)
        where TPart : class
    {
        var found = new List<TPart>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            found.Add(mapper.ToObject<TPart>(JsonDocuments.DocumentFromJson(reader.GetString(0))));
        }

        return found;
    }

    public int Count()
    {
        transaction.EnsureOpen();
        using var command = transaction.Command($"SELECT count(*) FROM {_name}");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public int Count(string field, object? value)
    {
        transaction.EnsureOpen();
        using var command = transaction.Command($"SELECT count(*) FROM {_name} WHERE {Equal(field, value)}");
        AddValue(command, "v", value);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The primary key: the id's invariant text, so 5 and 5L are the same document as in LiteDB; text ids in lower case,
    /// because LiteDB's collation compares ids ignoring case (a link seen as HTTP://X/A is the one seen as http://x/a)
    /// and both providers must agree on what is the same document.
    /// </summary>
    internal static string Key(BsonValue id) => id.Type switch
    {
        BsonType.String => id.AsString.ToLowerInvariant(),
        BsonType.Int32 or BsonType.Int64 => id.AsInt64.ToString(CultureInfo.InvariantCulture),
        BsonType.Guid => id.AsGuid.ToString("D"),
        BsonType.ObjectId => id.AsObjectId.ToString(),
        BsonType.Null or BsonType.MinValue or BsonType.MaxValue => throw new ArgumentException("A document id cannot be null."),
        _ => JsonDocuments.ToJson(id),
    };

    private string Equal(string field, object? value)
    {
        var path = PostgresSchema.Field(Indexed(field));
        return value is null ? $"{path} = 'null'::jsonb" : $"{path} = @v";
    }

    private string Indexed(string field) =>
        table.Indexed(field) ? field : throw new ArgumentException($"{table.Name}.{field} is not indexed; declare it in Tables.", nameof(field));

    private BsonValue Value(object? value) => value switch
    {
        null => BsonValue.Null,
        BsonValue bson => bson,
        _ => mapper.Serialize(value.GetType(), value),
    };

    private void AddValue(NpgsqlCommand command, string name, object? value)
    {
        if (value is not null)
        {
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = JsonDocuments.ToJson(Value(value)) });
        }
    }

    private static void AddDocument(NpgsqlCommand command, BsonDocument document)
    {
        command.Parameters.AddWithValue("id", Key(document["_id"]));
        command.Parameters.Add(new NpgsqlParameter("doc", NpgsqlDbType.Jsonb) { Value = JsonDocuments.ToJson(document) });
    }

    private BsonDocument ToDocument(T entity) =>
        entity as BsonDocument ?? mapper.ToDocument(entity);

    private List<T> Read(NpgsqlCommand command)
    {
        var found = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var document = JsonDocuments.DocumentFromJson(reader.GetString(0));
            found.Add(typeof(T) == typeof(BsonDocument) ? (T)(object)document : mapper.ToObject<T>(document));
        }

        return found;
    }

    private bool NeedsId(BsonValue id)
    {
        var member = IdMembers.Of(mapper, typeof(T));
        if (member is { AutoId: false })
        {
            return false;
        }

        return id.Type switch
        {
            BsonType.Null or BsonType.MinValue => true,
            BsonType.Int32 or BsonType.Int64 => id.AsInt64 == 0,
            BsonType.Guid => id.AsGuid == Guid.Empty,
            BsonType.ObjectId => id.AsObjectId == ObjectId.Empty,
            _ => false,
        };
    }

    /// <summary>
    /// The next id: one more than the largest ever given in this table (<c>ob_ids</c>) or stored in it (read through the
    /// <c>_id</c> index), so a deleted newest number is never given again; writers are serialized, so no one else takes it
    /// meanwhile. Or a new GUID/ObjectId. Set on the entity too, as LiteDB does.
    /// </summary>
    private BsonValue AssignId(T document, BsonValue current)
    {
        var member = IdMembers.Of(mapper, typeof(T));
        var type = member?.DataType;
        BsonValue id;
        if (current.IsGuid || type == typeof(Guid))
        {
            id = Guid.NewGuid();
        }
        else if (current.IsNumber || type == typeof(long) || type == typeof(int))
        {
            using var command = transaction.Command(
                $"SELECT {PostgresSchema.Field("_id")} FROM {_name} ORDER BY {PostgresSchema.Field("_id")} DESC LIMIT 1");
            var last = command.ExecuteScalar() is string json ? JsonDocuments.FromJson(json) : BsonValue.Null;
            using var counter = transaction.Command(
                "INSERT INTO ob_ids (name, last) VALUES (@name, @max + 1) " +
                "ON CONFLICT (name) DO UPDATE SET last = GREATEST(ob_ids.last, @max) + 1 RETURNING last");
            counter.Parameters.AddWithValue("name", _name);
            counter.Parameters.AddWithValue("max", last.IsNumber ? last.AsInt64 : 0L);
            var next = (long)counter.ExecuteScalar()!;
            id = type == typeof(int) || (type is null && current.IsInt32 && next <= int.MaxValue) ? new BsonValue((int)next) : new BsonValue(next);
        }
        else
        {
            id = ObjectId.NewObjectId();
        }

        member?.Setter(document, mapper.Deserialize(member.DataType, id));
        return id;
    }
}
