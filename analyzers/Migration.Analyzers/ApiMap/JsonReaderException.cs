using System;

namespace Migration.Analyzers.ApiMap;

/// <summary>A JSON syntax error with its position (0-based offset, 1-based line and column).</summary>
internal sealed class JsonReaderException : Exception
{
    /// <summary>Creates the error.</summary>
    public JsonReaderException(string message, int offset, int line, int column)
        : base($"line {line}, column {column}: {message}")
    {
        Offset = offset;
        Line = line;
        Column = column;
    }

    /// <summary>0-based character offset.</summary>
    public int Offset { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }
}
