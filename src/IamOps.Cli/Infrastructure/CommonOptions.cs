using System.CommandLine;
using System.Globalization;

namespace IamOps.Cli.Infrastructure;

/// <summary>Options and arguments several commands share, with their checks.</summary>
public static class CommonOptions
{
    public static Option<int> Page() => Positive(new Option<int>("--page")
    {
        Description = "Which page to show, from 1.",
        HelpName = "N",
        DefaultValueFactory = _ => 1,
    }, int.MaxValue);

    public static Option<int> PageSize(int max, int @default = 50) => Positive(new Option<int>("--page-size")
    {
        Description = string.Create(CultureInfo.InvariantCulture, $"How many rows per page, 1 to {max}."),
        HelpName = "N",
        DefaultValueFactory = _ => @default,
    }, max);

    /// <summary>An id argument: a GUID, as the server shows it.</summary>
    public static Argument<Guid> Id(string description) => new("ID") { Description = description };

    /// <summary>An option naming an organisation by id or slug (e.g. <c>acme</c>).</summary>
    public static Option<string?> Organisation(string name, string description) => new(name)
    {
        Description = description + " Give its id or its slug.",
        HelpName = "ID|SLUG",
    };

    /// <summary>Rejects blank values of a required text option.</summary>
    public static Option<string> NotBlank(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()) && result.Tokens.Count > 0)
            {
                result.AddError($"{option.Name} must not be empty.");
            }
        });
        return option;
    }

    public static Argument<string> NotBlank(this Argument<string> argument)
    {
        argument.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{argument.Name} must not be empty.");
            }
        });
        return argument;
    }

    /// <summary>Adds a check of the option's value; a value that does not even parse is reported by the parser instead.</summary>
    public static TOption Check<TOption, T>(this TOption option, Func<T, string?> problem)
        where TOption : Option
        where T : IParsable<T>
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && T.TryParse(result.Tokens[0].Value, CultureInfo.InvariantCulture, out var value)
                && problem(value) is { } message)
            {
                result.AddError(message);
            }
        });
        return option;
    }

    private static Option<int> Positive(Option<int> option, int max) =>
        option.Check<Option<int>, int>(value => value >= 1 && value <= max ? null
            : max == int.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be 1 or more (got {value}).")
                : string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between 1 and {max} (got {value})."));
}
