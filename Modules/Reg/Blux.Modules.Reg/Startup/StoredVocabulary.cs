using System.Text.Json;
using Blux.SharedKernel.Vocabulary;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Blux.Modules.Reg.Startup;

/// <summary>
/// Finds the rows whose vocabulary column holds a text this version of Blux never writes: a later
/// version's member, or an edit behind Blux's back. Such a row cannot be read (its converter refuses
/// it rather than guess), so the start names every one of them instead of failing on the first.
/// </summary>
internal static class StoredVocabulary
{
    /// <summary>How many rows a refusal names; a file edited wholesale would otherwise make a message of every row.</summary>
    public const int MaxNamedRows = 5;

    private const int MaxShownLength = 40;

    /// <summary>
    /// The rows of <typeparamref name="TEntity"/> whose <paramref name="property"/> is not a member of
    /// <typeparamref name="TEnum"/>: how many, and the first <see cref="MaxNamedRows"/> in words.
    /// </summary>
    public static async Task<UnknownRows> UnknownAsync<TEntity, TEnum>(DbContext db, string property, string rowName, CancellationToken cancellationToken)
        where TEntity : class
        where TEnum : struct, Enum
    {
        // The names come from the model, so the check reads the column the converter reads.
        var entity = db.Model.FindEntityType(typeof(TEntity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(table)!;
        var column = entity.FindProperty(property)!.GetColumnName(table)!;

        var named = new List<string>();
        var count = 0;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT \"{key}\", \"{column}\" FROM \"{table.Name}\" ORDER BY \"{key}\"";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var text = reader.IsDBNull(1) ? null : reader.GetString(1);
                if (!WireName<TEnum>.TryParse(text, out _) && ++count <= MaxNamedRows)
                {
                    named.Add($"{rowName} {Shown(reader.GetString(0))} has {column} {Shown(text)}, not {WireName<TEnum>.Listed}");
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return new UnknownRows(named, count);
    }

    /// <summary>The stored text quoted and escaped, and cut short: it is whatever someone put in the file.</summary>
    private static string Shown(string? text) =>
        text is null ? "no value" : JsonSerializer.Serialize(text.Length > MaxShownLength ? text[..MaxShownLength] + "…" : text);
}
