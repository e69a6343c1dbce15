namespace Migration.Layering.Tests;

/// <summary>Compares the projects of a repository with a <see cref="LayeringTable"/>.</summary>
public static class LayeringCheck
{
    /// <summary>
    /// One line per problem, naming the project and the reference: a project without a row, or a ProjectReference its
    /// row does not allow. Rows for projects that do not exist (planned moves) are not problems.
    /// </summary>
    public static IReadOnlyList<string> Violations(LayeringTable table, IEnumerable<ProjectFile> projects)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(projects);
        var violations = new List<string>();
        foreach (ProjectFile project in projects)
        {
            if (!table.Allowed.TryGetValue(project.Folder, out IReadOnlySet<string>? allowed))
            {
                violations.Add($"{project.Folder} ({project.Name}.csproj) has no row in docs/layering.md");
                continue;
            }
            foreach (ProjectFile.Reference reference in project.References)
            {
                if (!allowed.Contains(reference.Name))
                    violations.Add($"{project.Folder} references {reference.Name} ({reference.Folder}), which its row in docs/layering.md does not allow");
            }
        }
        return violations;
    }
}
