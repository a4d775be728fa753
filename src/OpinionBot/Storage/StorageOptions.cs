namespace OpinionBot.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string LiteDb = "litedb";
    public const string Postgres = "postgres";

    /// <summary><c>litedb</c> (the default: one file, one process) or <c>postgres</c> (one database, one or more nodes).</summary>
    public string Provider { get; set; } = LiteDb;

    /// <summary>The LiteDB file. Relative paths are relative to the working directory.</summary>
    public string Path { get; set; } = "data/opinionbot.db";

    /// <summary>The PostgreSQL database (Npgsql form, e.g. <c>Host=db;Database=opinionbot;Username=opinionbot;Password=...</c>).</summary>
    public string ConnectionString { get; set; } = "";

    public bool IsPostgres => string.Equals(Provider?.Trim(), Postgres, StringComparison.OrdinalIgnoreCase);
}
