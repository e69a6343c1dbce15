namespace Migration.Analyzers.Tests;

/// <summary>The .csproj of a throwaway net10.0 project the tests build or format outside the repository.</summary>
public static class ThrowawayProject
{
    /// <summary>Writes <paramref name="path"/>: nullable <paramref name="nullable"/> ("enable"/"disable"), one item group of <paramref name="items"/>.</summary>
    public static void Write(string path, string nullable, params string[] items) =>
        File.WriteAllText(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>{nullable}</Nullable>
              </PropertyGroup>
              <ItemGroup>
            {string.Concat(items.Select(i => "    " + i + "\n"))}  </ItemGroup>
            </Project>
            """);
}
