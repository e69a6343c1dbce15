using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Migration.Analyzers.ApiMap;

/// <summary>
/// A small JSON reader for the API map: objects become <see cref="Dictionary{TKey,TValue}"/> (ordinal keys),
/// arrays <see cref="List{T}"/>, numbers <see cref="double"/>. The analyzer carries no JSON library because the
/// compiler loads it without its dependencies.
/// </summary>
internal sealed class JsonReader
{
    /// <summary>The deepest nesting of arrays and objects accepted: the reader recurses, and the compiler's thread must not overflow its stack.</summary>
    public const int MaxDepth = 64;

    private readonly string _text;
    private int _pos;
    private int _depth;

    private JsonReader(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="JsonReaderException"/> with the line and column of the first error.</summary>
    public static object? Parse(string text)
    {
        var reader = new JsonReader(text);
        reader.SkipWhitespace();
        object? value = reader.ReadValue();
        reader.SkipWhitespace();
        if (reader._pos != text.Length)
            throw reader.Error("unexpected text after the JSON value");
        return value;
    }

    private object? ReadValue()
    {
        if (_pos >= _text.Length)
            throw Error("unexpected end of the file");
        char c = _text[_pos];
        switch (c)
        {
            case '{': return ReadObject();
            case '[': return ReadArray();
            case '"': return ReadString();
            case 't': return ReadLiteral("true", true);
            case 'f': return ReadLiteral("false", false);
            case 'n': return ReadLiteral("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                    return ReadNumber();
                throw Error($"unexpected character '{c}'");
        }
    }

    private Dictionary<string, object?> ReadObject()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        Enter();
        _pos++; // {
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            _depth--;
            return result;
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
                throw Error("expected a property name in double quotes");
            int keyPos = _pos;
            string key = ReadString();
            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            object? value = ReadValue();
            if (result.ContainsKey(key))
                throw Error($"duplicate property \"{key}\"", keyPos);
            result.Add(key, value);
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }
            Expect('}');
            _depth--;
            return result;
        }
    }

    private List<object?> ReadArray()
    {
        var result = new List<object?>();
        Enter();
        _pos++; // [
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            _depth--;
            return result;
        }
        while (true)
        {
            SkipWhitespace();
            result.Add(ReadValue());
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }
            Expect(']');
            _depth--;
            return result;
        }
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
                throw Error("unterminated string");
            char c = _text[_pos++];
            if (c == '"')
                return sb.ToString();
            if (c < ' ')
                throw Error("control character in a string", _pos - 1);
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (_pos >= _text.Length)
                throw Error("unterminated escape");
            char e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    // AllowHexSpecifier alone: NumberStyles.HexNumber also allows blanks, which took "\u 12 " for an escape.
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        throw Error("bad \\u escape");
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw Error($"bad escape '\\{e}'", _pos - 1);
            }
        }
    }

    private double ReadNumber()
    {
        int start = _pos;
        while (_pos < _text.Length && "+-0123456789.eE".IndexOf(_text[_pos]) >= 0)
            _pos++;
        string s = _text.Substring(start, _pos - start);
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            throw Error($"bad number '{s}'", start);
        return d;
    }

    private object? ReadLiteral(string word, object? value)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            throw Error($"unexpected character '{_text[_pos]}'");
        _pos += word.Length;
        return value;
    }

    /// <summary>Counts one more level of nesting at the current '[' or '{'; past <see cref="MaxDepth"/> it is an error there.</summary>
    private void Enter()
    {
        if (++_depth > MaxDepth)
            throw Error($"arrays and objects nested deeper than {MaxDepth} levels");
    }

    private void Expect(char c)
    {
        if (Peek() != c)
            throw Error(_pos >= _text.Length ? $"expected '{c}' before the end of the file" : $"expected '{c}'");
        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\n' || _text[_pos] == '\r'))
            _pos++;
    }

    private JsonReaderException Error(string message, int? at = null)
    {
        int p = Math.Min(at ?? _pos, _text.Length);
        int line = 1, col = 1;
        for (int i = 0; i < p; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                col = 1;
            }
            else
            {
                col++;
            }
        }
        return new JsonReaderException(message, p, line, col);
    }
}
