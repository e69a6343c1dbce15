namespace Migration.Cli.Tests;

/// <summary>`migrate analyze --include DIR --define NAME[=VALUE] --compile-commands FILE`: used when good, exit 2 naming the problem when not.</summary>
public sealed class AnalyzeParseOptionsTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("cli-analyze-headers-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_scratch, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    // The call is in a macro of the header, under #ifdef: only the header and the define together reveal it.
    private string Driver() => Write("drv/cam.c", "#include <cam.h>\nint cam_open(void *o)\n{\n\treturn CAM_MAP(o);\n}\n");

    [Fact]
    public void IncludeAndDefine_ReadTheUsersHeader_AndParseTheConfiguredBranch()
    {
        Write("inc/cam.h", "#ifdef CONFIG_CAM_VMAP\n#define CAM_MAP(o) iommu_vmap(o, 0, 0, 0)\n#else\n#define CAM_MAP(o) 0\n#endif\n");
        string driver = Driver();

        var (plain, plainOut, plainErr) = Cli.Run("analyze", driver, "--format", "json");
        var (code, output, err) = Cli.Run("analyze", driver, "--format", "json", "--include", Path.Combine(_scratch, "inc"), "--define", "CONFIG_CAM_VMAP");

        Assert.Equal((ExitCodes.Passed, "", ExitCodes.Passed, ""), (plain, plainErr, code, err));
        Assert.Contains("\"findings\": []", plainOut, StringComparison.Ordinal);
        Assert.Contains("\"parse\": \"prelude\"", plainOut, StringComparison.Ordinal);
        Assert.Contains("\"kernelSymbol\": \"iommu_vmap\"", output, StringComparison.Ordinal);
        Assert.Contains("\"parse\": \"headers\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ACompileCommandsFile_GivesTheFileItsFlags()
    {
        Write("inc/cam.h", "#ifdef CONFIG_CAM_VMAP\n#define CAM_MAP(o) iommu_vmap(o, 0, 0, 0)\n#endif\n");
        string driver = Driver();
        string json = Write("build/compile_commands.json", $$"""[{"directory": "{{_scratch}}", "file": "drv/cam.c", "command": "gcc -Iinc -DCONFIG_CAM_VMAP -Werror -c drv/cam.c"}]""");

        var (code, output, err) = Cli.Run("analyze", driver, "--compile-commands", json);

        Assert.Equal((ExitCodes.Passed, ""), (code, err));
        Assert.Contains("cam.c(4,9): warning IOMMU002: iommu_vmap()", output, StringComparison.Ordinal);
        Assert.Matches(@"│ cam\.c +│ headers +│ 1 +│ 0 +│ 0 +│ 0 +│ +│", output);
    }

    [Fact]
    public void AMissingIncludeDirectory_Exits2_NamingIt()
    {
        string missing = Path.Combine(_scratch, "no-such-dir");

        var (code, output, err) = Cli.Run("analyze", Driver(), "--include", missing);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal([$"error: --include: '{missing}' is not a directory"], Cli.Lines(err));
    }

    [Theory]
    [InlineData("=1")]
    [InlineData("")]
    [InlineData(" =x")]
    public void ADefineWithAnEmptyName_Exits2(string define)
    {
        var (code, _, err) = Cli.Run("analyze", Driver(), "--define", define);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: --define: '{define}' has an empty macro name (NAME or NAME=VALUE)"], Cli.Lines(err));
    }

    [Fact]
    public void AMalformedCompileCommandsFile_Exits2_NamingTheFileAndTheLine()
    {
        string json = Write("compile_commands.json", "[\n  {\"directory\": \"/b\", \"file\": \"x.c\",, \"command\": \"cc\"}\n]\n");

        var (code, _, err) = Cli.Run("analyze", Driver(), "--compile-commands", json);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: --compile-commands: {json}: line 2, column 37: not valid JSON: ',' is an invalid start of a property name. Expected a '\"'."], Cli.Lines(err));
    }

    [Fact]
    public void ACompileCommandsEntryWithoutAFile_Exits2_NamingTheJsonPath()
    {
        string json = Write("compile_commands.json", "[{\"directory\": \"/b\", \"file\": \"x.c\", \"command\": \"cc\"}, {\"directory\": \"/b\", \"command\": \"cc\"}]");

        var (code, _, err) = Cli.Run("analyze", Driver(), "--compile-commands", json);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: --compile-commands: {json}: $[1]: has no \"file\""], Cli.Lines(err));
    }

    [Fact]
    public void AnUnreadableCompileCommandsFile_Exits2_NamingIt()
    {
        string missing = Path.Combine(_scratch, "compile_commands.json");

        var (code, _, err) = Cli.Run("analyze", Driver(), "--compile-commands", missing);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"error: --compile-commands: {missing}: cannot be read: Could not find file", err, StringComparison.Ordinal);
    }
}
