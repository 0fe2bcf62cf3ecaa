using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Blux.SharedKernel.Vocabulary;

/// <summary>
/// Stores a vocabulary member as its <see cref="WireName{TEnum}"/>, so the column holds the same text the
/// API shows, and a row whose text Blux never wrote fails to load instead of reading as some default.
/// </summary>
public sealed class WireNameConverter<TEnum>() : ValueConverter<TEnum, string>(value => WireName<TEnum>.Of(value), text => WireName<TEnum>.Parse(text))
    where TEnum : struct, Enum;
