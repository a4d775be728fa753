using System.Reflection;
using LiteDB;

namespace OpinionBot.Storage.Postgres;

/// <summary>
/// The id member of an entity as the shared mapper knows it (including the fluent ids in <see cref="Tables"/>), to set a
/// new id on an inserted entity as LiteDB does, and the fields a projection reads. LiteDB 5 keeps this lookup internal, so it is reached once by reflection.
/// </summary>
internal static class IdMembers
{
    private static readonly MethodInfo EntityMapperOf =
        typeof(BsonMapper).GetMethod("GetEntityMapper", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(Type)])
        ?? throw new MissingMethodException("LiteDB.BsonMapper.GetEntityMapper(Type) is gone: check the LiteDB version.");

    /// <summary>Null for <see cref="BsonDocument"/> (its id is the <c>_id</c> field) and types without an id.</summary>
    public static MemberMapper? Of(BsonMapper mapper, Type type) =>
        type == typeof(BsonDocument) ? null : (EntityMapperOf.Invoke(mapper, [type]) as EntityMapper)?.Id;

    /// <summary>The document fields a type's members are stored as (its id as <c>_id</c>): what a projection reads.</summary>
    public static IReadOnlyList<string> Fields(BsonMapper mapper, Type type) =>
        (EntityMapperOf.Invoke(mapper, [type]) as EntityMapper)?.Members.Select(m => m.FieldName).ToList()
        ?? throw new ArgumentException($"{type} has no members to read.", nameof(type));
}
