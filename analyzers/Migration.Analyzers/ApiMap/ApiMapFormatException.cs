using System;

namespace Migration.Analyzers.ApiMap;

/// <summary>An API map file that does not follow the schema (the message names the entry and property, or the line and column).</summary>
public sealed class ApiMapFormatException : Exception
{
    /// <summary>Creates the error at character <paramref name="offset"/> of the file.</summary>
    public ApiMapFormatException(string message, int offset)
        : base(message) => Offset = offset;

    /// <summary>0-based character offset of the problem (0 when only the entry is known).</summary>
    public int Offset { get; }
}
