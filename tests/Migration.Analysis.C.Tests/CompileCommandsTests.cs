using System.Text;
using CsCheck;

namespace Migration.Analysis.C.Tests;

/// <summary>The compile_commands.json reader: the flags kept and dropped, paths resolved, errors naming the file and where.</summary>
public sealed class CompileCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cfront-ccjson-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Json(string text)
    {
        string path = Path.Combine(_folder, "compile_commands.json");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void AKbuildCommand_KeepsTheParseFlags_AndDropsTheRest()
    {
        // A shortened command of Linux's gen_compile_commands.py for an ARM cross build.
        string path = Json("""
            [{"directory": "/src/linux", "file": "drivers/media/video/omap3isp/ispccdc.c",
              "command": "arm-linux-gnueabi-gcc -Wp,-MD,drivers/media/video/omap3isp/.ispccdc.o.d -nostdinc -isystem /usr/lib/gcc/arm/4.6/include -I./arch/arm/include -Iarch/arm/include/generated -Iinclude -include include/generated/autoconf.h -D__KERNEL__ -mlittle-endian -Iarch/arm/mach-omap2/include -Wall -Werror -Wundef -fno-strict-aliasing -std=gnu89 -fplugin=./scripts/gcc-plugins/x.so -marm -mabi=aapcs-linux -march=armv7-a -UDEBUG -D\"KBUILD_STR(s)=#s\" -DKBUILD_BASENAME='\"ispccdc\"' -c -o drivers/media/video/omap3isp/ispccdc.o drivers/media/video/omap3isp/ispccdc.c"}]
            """);

        CompileCommands commands = CompileCommands.Read(path);

        Assert.Equal(1, commands.Count);
        Assert.Equal(
            ["-nostdinc", "-isystem", "/usr/lib/gcc/arm/4.6/include", "-I", "/src/linux/arch/arm/include", "-I", "/src/linux/arch/arm/include/generated",
             "-I", "/src/linux/include", "-include", "/src/linux/include/generated/autoconf.h", "-D__KERNEL__", "-I", "/src/linux/arch/arm/mach-omap2/include",
             "-std=gnu89", "-UDEBUG", "-DKBUILD_STR(s)=#s", "-DKBUILD_BASENAME=\"ispccdc\""],
            commands.FlagsFor("/src/linux/drivers/media/video/omap3isp/ispccdc.c"));
        Assert.Null(commands.FlagsFor("/src/linux/drivers/media/video/omap3isp/isp.c"));
    }

    [Fact]
    public void AnArgumentsArray_IsReadAsWritten_WithSeparateValues()
    {
        string path = Json("""[{"directory": "/b", "file": "/b/x.c", "arguments": ["cc", "-I", "inc", "-D", "A=1", "-include", "k.h", "-o", "-Ifake", "-x", "c", "-include-pch", "p.pch", "x.c"]}]""");

        Assert.Equal(["-I", "/b/inc", "-DA=1", "-include", "/b/k.h"], CompileCommands.Read(path).FlagsFor("/b/x.c"));
    }

    [Theory]
    [InlineData("[{\"directory\": \"/b\",\n  \"file\": \"x.c\" \"command\": \"cc\"}]", "line 2, column 17: not valid JSON: '\"' is invalid after a value. Expected either ',', '}', or ']'.")]
    [InlineData("{\"directory\": \"/b\"}", "$: expected an array of compile commands, found an object")]
    [InlineData("[{\"directory\": \"/b\", \"file\": \"x.c\", \"command\": \"cc\"}, 3]", "$[1]: expected an object with \"directory\", \"file\" and \"command\" or \"arguments\", found a number")]
    [InlineData("[{\"directory\": \"/b\", \"command\": \"cc\"}]", "$[0]: has no \"file\"")]
    [InlineData("[{\"directory\": \"\", \"file\": \"x.c\", \"command\": \"cc\"}]", "$[0].directory: expected a non-empty string, found an empty string")]
    [InlineData("[{\"directory\": \"/b\", \"file\": \"x.c\"}]", "$[0]: has neither \"command\" nor \"arguments\"")]
    [InlineData("[{\"directory\": \"/b\", \"file\": \"x.c\", \"arguments\": [\"cc\", \"-I\", 7]}]", "$[0].arguments[2]: expected a string, found a number")]
    [InlineData("[{\"directory\": \"/b\", \"file\": \"x.c\", \"command\": \"cc -DA='1\"}]", "$[0].command: unterminated single quote at character 8 of the command")]
    [InlineData("", "line 1, column 1: not valid JSON: The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true.")]
    public void AMalformedFile_IsATypedError_NamingTheFileAndWhere(string text, string expected)
    {
        string path = Json(text);

        var error = Assert.Throws<CompileCommandsException>(() => CompileCommands.Read(path));

        Assert.Equal($"{path}: {expected}", error.Message);
        Assert.Equal(path, error.File);
    }

    [Fact]
    public void AMissingFileOrAFolder_IsATypedError()
    {
        string missing = Path.Combine(_folder, "none.json");
        Assert.StartsWith($"{missing}: cannot be read: ", Assert.Throws<CompileCommandsException>(() => CompileCommands.Read(missing)).Message, StringComparison.Ordinal);
        Assert.StartsWith($"{_folder}: cannot be read: ", Assert.Throws<CompileCommandsException>(() => CompileCommands.Read(_folder)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cc -DKBUILD_BASENAME='\"isp\"' a.c", new[] { "cc", "-DKBUILD_BASENAME=\"isp\"", "a.c" })]
    [InlineData("cc \"-DA=a b\" -DB=\\\"x\\\"", new[] { "cc", "-DA=a b", "-DB=\"x\"" })]
    [InlineData("  cc\t-c  ", new[] { "cc", "-c" })]
    [InlineData("cc \"-DQ=\\\"q\\\\\"", new[] { "cc", "-DQ=\"q\\" })]
    public void ACommandString_IsSplitAsAShellWould(string command, string[] words)
    {
        Assert.Equal(words, CommandLineWords.Split(command, out string? error));
        Assert.Null(error);
    }

    [Fact]
    public void RandomBytes_AreAnEntryListOrATypedError_NeverAnotherException()
    {
        Gen.Byte.Array[0, 512].Sample(bytes => ReadOrTypedError(bytes), iter: 200, threads: 1);
    }

    [Fact]
    public void RandomJsonLikeText_IsAnEntryListOrATypedError_NeverAnotherException()
    {
        // Fragments of real entries in random order: valid files come out too, with odd quoting and NULs in paths.
        string[] pieces = ["[", "]", "{", "}", ",", ":", "\"directory\"", "\"file\"", "\"command\"", "\"arguments\"", "\"/b\"", "\"x.c\"", "\"\"",
            "\"cc -I inc '-DA=1\"", "\"-I\"", "\"\\u0000\"", "\"\\\"\"", "3", "null", "true", " ", "\n", "\"-include\"", "\"..\""];
        Gen.Int[0, pieces.Length - 1].Array[0, 60].Sample(picks =>
        {
            ReadOrTypedError(Encoding.UTF8.GetBytes(string.Concat(picks.Select(p => pieces[p]))));
        }, iter: 400, threads: 1);
    }

    private static void ReadOrTypedError(byte[] bytes)
    {
        const string path = "/nowhere/compile_commands.json";
        try
        {
            // Every file of a list that reads has its flags under its own absolute path.
            CompileCommands commands = CompileCommands.Parse(path, bytes);
            _ = commands.FlagsFor("/b/x.c");
        }
        catch (CompileCommandsException e)
        {
            Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        }
    }
}
