using LiteDB;
using OpinionBot.Storage;
using OpinionBot.Storage.Postgres;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary>What only the PostgreSQL provider does: its JSON form of documents, notifications between nodes, errors.</summary>
public sealed class PostgresEngineTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    public static TheoryData<string> Values =>
    [
        "null", "true", "0", "-1", "2147483647", "2147483648", "-9223372036854775808", "0.1", "1.0", "-0.0", "1E+300", "5E-324",
        "NaN", "-Infinity", "decimal:79228162514264337593543950335", "string:a\0b", "string:中文 𝄞", "date", "binary", "guid",
        "oid", "min", "max", "document", "array",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void JsonDocuments_RoundTripEveryBsonValue(string name)
    {
        var value = Value(name);
        var back = JsonDocuments.FromJson(JsonDocuments.ToJson(value));
        Assert.Equal(value.Type, back.Type);
        Assert.Equal(value, back);
        if (value.IsDouble)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(value.AsDouble), BitConverter.DoubleToInt64Bits(back.AsDouble));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Values))]
    public void JsonDocuments_RoundTripThroughJsonb(string name)
    {
        var value = new BsonDocument { ["_id"] = 1, ["v"] = Value(name) };
        using var engine = PostgresEngine.Open(database.Open());
        using (var write = engine.Begin(write: true))
        {
            write.Table<BsonDocument>(Tables.Digests).Insert(value);
            write.Commit();
        }

        using var read = engine.Begin(write: false);
        var back = read.Table<BsonDocument>(Tables.Digests).Get(1)!;
        Assert.Equal(value["v"].Type, back["v"].Type);
        Assert.Equal(value["v"], back["v"]);
    }

    [Fact]
    public void Doubles_AlwaysCarryAPointOrAreTagged()
    {
        Assert.Equal("1.0", JsonDocuments.ToJson(1.0));
        Assert.Equal("100000000000000000000.0", JsonDocuments.ToJson(1e20));
        Assert.Equal("5", JsonDocuments.ToJson(5L));
        Assert.Equal("""{"$type":"double","$value":"NaN"}""", JsonDocuments.ToJson(double.NaN));
    }

    [Fact]
    public void AStringCutInsideASurrogatePair_IsStoredAsLiteDbStoresIt()
    {
        // A title shortened in the middle of an emoji: LiteDB writes the lone half as U+FFFD; so does the JSON form.
        var cut = "标题 😀".Substring(0, 4);
        Assert.Equal("标题 \uFFFD", JsonDocuments.FromJson(JsonDocuments.ToJson(cut)).AsString);
        Assert.Equal("é 中 😀", JsonDocuments.FromJson(JsonDocuments.ToJson("é 中 😀")).AsString);
        Assert.Contains("中", JsonDocuments.ToJson("中"), StringComparison.Ordinal); // UTF-8 as is, not \u escapes
    }

    [SkippableFact]
    public void OutboxChange_WakesTheOtherNodes_NotItself()
    {
        var connectionString = database.Open();
        using var first = PostgresEngine.Open(connectionString);
        using var second = PostgresEngine.Open(connectionString);
        using var woken = new SemaphoreSlim(0);
        var selfWoken = 0;
        second.OutboxNotified += () => woken.Release();
        first.OutboxNotified += () => Interlocked.Increment(ref selfWoken);
        second.StartListening();
        Assert.True(woken.Wait(TimeSpan.FromSeconds(20))); // the wake-up on (re)connecting
        first.StartListening();
        SpinWait.SpinUntil(() => Volatile.Read(ref selfWoken) == 1, TimeSpan.FromSeconds(20));

        var db = new OpinionDatabase(first);
        db.Write(s => s.NoteOutboxChange());
        Assert.True(woken.Wait(TimeSpan.FromSeconds(20)));
        db.Write(s => s.Counters.Set("quiet", 1));
        Assert.False(woken.Wait(TimeSpan.FromMilliseconds(500)));
        Assert.Equal(1, Volatile.Read(ref selfWoken));
    }

    [SkippableFact]
    public void Queries_UseTheFieldIndexes()
    {
        var connectionString = database.Open();
        using (var engine = PostgresEngine.Open(connectionString))
        using (var write = engine.Begin(write: true))
        {
            var incidents = write.Table<BsonDocument>(Tables.Incidents);
            for (var i = 1; i <= 3000; i++)
            {
                incidents.Insert(new BsonDocument { ["_id"] = (long)i, ["Number"] = $"2026-{i:0000}", ["Discovered"] = 638_000_000_000_000_000L + i, ["Status"] = i % 10 == 0 ? "New" : "Closed" });
            }

            write.Commit();
        }

        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using (var analyze = new Npgsql.NpgsqlCommand("ANALYZE ob_incidents", connection))
        {
            analyze.ExecuteNonQuery();
        }

        string Plan(string sql)
        {
            using var command = new Npgsql.NpgsqlCommand("EXPLAIN " + sql, connection);
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join("\n", lines);
        }

        var (opened, status, id) = (PostgresSchema.Field("Discovered"), PostgresSchema.Field("Status"), PostgresSchema.Field("_id"));
        Assert.Contains("Index", Plan($"SELECT doc FROM ob_incidents ORDER BY {opened} DESC, {id} LIMIT 5"), StringComparison.Ordinal);
        Assert.Contains("Index", Plan($"SELECT doc FROM ob_incidents WHERE {opened} < '638000000000000010'::jsonb ORDER BY {opened}, {id} LIMIT 5"), StringComparison.Ordinal);
        Assert.Contains("Index", Plan($"SELECT doc FROM ob_incidents WHERE {status} = '\"New\"'::jsonb"), StringComparison.Ordinal);
        Assert.Contains("Index", Plan($"SELECT {id} FROM ob_incidents ORDER BY {id} DESC LIMIT 1"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void TheWorkersDatabase_OnPostgres_WakesItsSenderForAnotherNodesMessages()
    {
        var options = new StorageOptions { Provider = "postgres", ConnectionString = database.Open() };
        using var sender = StorageEngines.OpenDatabase(options);
        using var other = StorageEngines.OpenDatabase(options);
        Assert.Equal("postgres", sender.Provider);
        using var woken = new SemaphoreSlim(0);
        sender.OutboxChanged += () => woken.Release();
        Assert.True(SpinWait.SpinUntil(() => sender.OutboxVersion > 0, TimeSpan.FromSeconds(20))); // listening
        var before = sender.OutboxVersion;
        while (woken.Wait(0))
        {
        }

        other.Write(s => s.NoteOutboxChange());

        Assert.True(woken.Wait(TimeSpan.FromSeconds(20)));
        Assert.True(sender.OutboxVersion > before);
    }

    [SkippableFact]
    public void CopyTo_SaysToUsePgDump()
    {
        using var engine = PostgresEngine.Open(database.Open());
        var refused = Assert.Throws<NotSupportedException>(() => engine.CopyTo(Path.Combine(Path.GetTempPath(), "never.db")));
        Assert.Contains("pg_dump", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachableServer_IsOneClearSentence()
    {
        var refused = Assert.Throws<StorageUnavailableException>(() =>
            PostgresEngine.Open("Host=127.0.0.1;Port=1;Database=opinionbot;Username=x;Timeout=3"));
        Assert.Contains("127.0.0.1:1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:ConnectionString", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_NeedAKnownProviderAndAConnectionStringForPostgres()
    {
        var validation = new StorageOptionsValidation();
        Assert.True(validation.Validate(null, new StorageOptions()).Succeeded);
        Assert.Contains("ConnectionString", validation.Validate(null, new StorageOptions { Provider = "postgres" }).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("unknown", validation.Validate(null, new StorageOptions { Provider = "mysql" }).FailureMessage, StringComparison.Ordinal);
        Assert.True(validation.Validate(null, new StorageOptions { Provider = "Postgres", ConnectionString = "Host=x" }).Succeeded);
    }

    private static BsonValue Value(string name) => name switch
    {
        "null" => BsonValue.Null,
        "true" => true,
        "NaN" => double.NaN,
        "-Infinity" => double.NegativeInfinity,
        "-0.0" => -0.0,
        "date" => new DateTime(2026, 11, 30, 1, 2, 3, DateTimeKind.Utc).AddTicks(4567).ToLocalTime(),
        "binary" => new byte[] { 0, 1, 255 },
        "guid" => Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        "oid" => new ObjectId("507f1f77bcf86cd799439011"),
        "min" => BsonValue.MinValue,
        "max" => BsonValue.MaxValue,
        "document" => new BsonDocument { ["a"] = 1, ["b"] = new BsonDocument { ["$type"] = 3 }, ["c"] = "x" },
        "array" => new BsonArray(new BsonValue[] { 1, 2L, 0.5, "s", BsonValue.Null }),
        _ when name.StartsWith("decimal:", StringComparison.Ordinal) => decimal.Parse(name[8..], System.Globalization.CultureInfo.InvariantCulture),
        _ when name.StartsWith("string:", StringComparison.Ordinal) => name[7..],
        _ when name.Contains('.', StringComparison.Ordinal) || name.Contains('E', StringComparison.Ordinal) =>
            double.Parse(name, System.Globalization.CultureInfo.InvariantCulture),
        _ when int.TryParse(name, out var small) => small,
        _ => long.Parse(name, System.Globalization.CultureInfo.InvariantCulture),
    };
}
