using System.CommandLine;

namespace Migration.Cli.Verbs;

/// <summary>The C parse options `analyze` and `fix` share (--include, --define, --compile-commands), added to a verb and read back as <see cref="CParseOptions"/>.</summary>
public sealed class CParseCommandOptions
{
    private readonly Option<string[]> _include = new("--include") { Description = "C: an include directory of the user's headers (-I DIR for clang; repeatable); files are then parsed with these headers instead of the kernel prelude" };
    private readonly Option<string[]> _define = new("--define") { Description = "C: a macro NAME or NAME=VALUE for every file (-D for clang; repeatable)" };
    private readonly Option<string?> _compileCommands = new("--compile-commands") { Description = "C: a compile_commands.json; a file with an entry is parsed with its -I, -isystem, -include, -D, -U, -std flags and its headers" };

    /// <summary>Adds the three options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_include);
        command.Options.Add(_define);
        command.Options.Add(_compileCommands);
    }

    /// <summary>The values given on <paramref name="parse"/>'s command line.</summary>
    public CParseOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new CParseOptions(parse.GetValue(_include) ?? [], parse.GetValue(_define) ?? [], parse.GetValue(_compileCommands));
    }
}
