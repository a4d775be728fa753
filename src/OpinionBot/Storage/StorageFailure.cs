using System.Data.Common;
using LiteDB;

namespace OpinionBot.Storage;

/// <summary>What the storage providers throw when a transaction fails, so callers outside <c>Storage/</c> need not name them.</summary>
public static class StorageFailure
{
    /// <summary>True for a LiteDB or PostgreSQL (ADO.NET) failure, or a file the provider could not read or write.</summary>
    public static bool Is(Exception exception) => exception is LiteException or DbException or IOException;
}
