using IamOps.Server.Modules.Raci;

namespace IamOps.Server.Tests.Raci;

public sealed class RaciSeedParserTests
{
    // Every row of the seed, written from the seed: table, start of the text, both cells verbatim, both cells normalised.
    private static readonly (string Table, string Text, string ProviderCell, string ClientCell, string Provider, string Client)[] SeedRows =
    [
        ("INCIDENT MANAGEMENT", "Perform Incident management tasks at the system", "R", "I", "R", "I"),
        ("INCIDENT MANAGEMENT", "Provide the specifications of the constraints re", "R", "I", "R", "I"),
        ("INCIDENT MANAGEMENT", "Provide to CLOUD-IAM and update the list of [CLI", "I", "R", "I", "R"),
        ("INCIDENT MANAGEMENT", "Ensure that the appropriate [CLIENT] personnel a", "I", "R", "I", "R"),
        ("MANAGEMENT OF SERVICE REQUESTS", "Develop with [CLIENT] procedures for managing al", "R", "S, C", "R", "S,C"),
        ("MANAGEMENT OF SERVICE REQUESTS", "Communicate the major changes made by CLOUD-IAM", "R", "I", "R", "I"),
        ("MANAGEMENT OF SERVICE REQUESTS", "Record and monitor requests for the implementati", "R", "I", "R", "I"),
        ("MANAGEMENT OF SERVICE REQUESTS", "Provide the automation scripts or procedures, wh", "\u0399", "R", "I", "R"),
        ("MANAGEMENT OF SERVICE REQUESTS", "Receive and handle the activity report related t", "R", "I", "R", "I"),
        ("MANAGEMENT OF SERVICE REQUESTS", "Assist CLOUD-IAM in the development procedures f", "\u0399", "R", "I", "R"),
        ("MANAGEMENT OF SERVICE REQUESTS", "Inform CLOUD-IAM of any planned or urgent change", "\u0399", "R", "I", "R"),
        ("MANAGEMENT OF SERVICE REQUESTS", "Make updates, approvals, and integrations of app", "\u0399", "R", "I", "R"),
        ("CONFIGURATION MANAGEMENT", "Provide all existing documentation related to th", "\u0399", "R", "I", "R"),
        ("CONFIGURATION MANAGEMENT", "Provide on demand [CUSTOMER] inventories of hard", "R", "I", "R", "I"),
        ("CONFIGURATION MANAGEMENT", "Use the administration console or the API to con", "S", "R, A", "S", "R,A"),
        ("CONFIGURATION MANAGEMENT", "Inform Cloud-IAM support of an incident triggere", "\u0399", "R, A", "I", "R,A"),
        ("CONFIGURATION MANAGEMENT", "Ensure that the [CLIENT] configuration of the Ke", "S", "R, A", "S", "R,A"),
        ("CONFIGURATION MANAGEMENT", "Ensure that the audit functionalities are activa", "S", "R , A", "S", "R,A"),
        ("CONFIGURATION MANAGEMENT", "Ensure that the [CLIENT] clients application tha", "S", "R, A", "S", "R,A"),
        ("CONFIGURATION MANAGEMENT", "Take actions to be in conformance with GDPR and", "S", "R, A", "S", "R,A"),
        ("PERFORMANCE MANAGEMENT", "Define performance indicators and monitor system", "R", "C, A", "R", "C,A"),
        ("PERFORMANCE MANAGEMENT", "Take appropriate resolution actions (for example", "R", "I", "R", "I"),
        ("PERFORMANCE MANAGEMENT", "Advise [CLIENT] on the system configurations req", "R", "I", "R", "I"),
        ("AVAILABILITY MANAGEMENT", "Assist [CLIENT] in defining [CLIENT] 's needs in", "R", "I", "R", "I"),
        ("AVAILABILITY MANAGEMENT", "Carry out equipment maintenance in accordance wi", "R", "I", "R", "I"),
        ("AVAILABILITY MANAGEMENT", "Issue recommendations for improvement in terms o", "R", "I", "R", "I"),
        ("AVAILABILITY MANAGEMENT", "Definition of availability requirements, impleme", "S", "R", "S", "R"),
        ("AVAILABILITY MANAGEMENT", "Set up the backup policy", "R", "I", "R", "I"),
        ("AVAILABILITY MANAGEMENT", "Define [CLIENT] 's needs in terms of availabilit", "S, C", "R", "S,C", "R"),
        ("AVAILABILITY MANAGEMENT", "Define backup needs", "I", "R", "I", "R"),
        ("AVAILABILITY MANAGEMENT", "Define and implement backup policy", "R", "I", "R", "I"),
        ("MONITORING and CONTROL OF SYSTEMS", "Monitor system resources and correlate alerts (C", "R", "\u0399", "R", "I"),
        ("MONITORING and CONTROL OF SYSTEMS", "Treat Incidents by applying the procedures plann", "R", "I", "R", "I"),
        ("MONITORING and CONTROL OF SYSTEMS", "Inform the Customer in the event of an Incident", "R", "I", "R", "I"),
        ("MONITORING and CONTROL OF SYSTEMS", "Monitoring of applications using Keycloak cluste", "I", "R", "I", "R"),
        ("OPERATIONS", "Monitor scheduled jobs and manage alerts", "R", "I", "R", "I"),
        ("OPERATIONS", "Process and resolve incidents by applying the pr", "R", "I", "R", "I"),
        ("OPERATIONS", "Inform the [CUSTOMER] in the event of an Inciden", "R", "I", "R", "I"),
        ("OPERATIONS", "Plan the maintenance of the systems in accordanc", "R", "I", "R", "I"),
        ("OPERATIONS", "Communicate to the [CUSTOMER] the scheduled , no", "R", "\u0399", "R", "I"),
        ("BACKUP MANAGEMENT", "Implement the backup process and restoration of", "R", "I, S, C", "R", "I,S,C"),
        ("BACKUP MANAGEMENT", "Ensure that backups are carried out and are effe", "R", "I", "R", "I"),
        ("BACKUP MANAGEMENT", "Document, manage and, if necessary, update file", "R", "I", "R", "I"),
        ("BACKUP MANAGEMENT", "Perform backup of system environments and data a", "R", "I", "R", "I"),
        ("BACKUP MANAGEMENT", "Provide a procedure to restore data and systems", "R", "I", "R", "I"),
        ("BACKUP MANAGEMENT", "Perform systems and data recovery;", "R", "I", "R", "I"),
        ("BACKUP MANAGEMENT", "Take into account any changes in the backup sche", "R", "I, S, C", "R", "I,S,C"),
        ("BACKUP MANAGEMENT", "Define the backup policy, the frequency of backu", "R", "I, C", "R", "I,C"),
        ("SYSTEM AND TECHNICAL SUPPORT", "Carry out all technical support operations for t", "R", "I", "R", "I"),
        ("SYSTEM AND TECHNICAL SUPPORT", "Provide support for Client Configuration and CLO", "R", "I", "R", "I"),
        ("SYSTEM AND TECHNICAL SUPPORT", "Maintain the Client Configuration and CLOUD-IAM", "R", "\u0399", "R", "I"),
        ("SYSTEM AND TECHNICAL SUPPORT", "Provide support for operating systems and subsys", "R", "I", "R", "I"),
        ("SYSTEM AND TECHNICAL SUPPORT", "Plan the maintenance of the systems in accordanc", "R", "\u0399", "R", "I"),
        ("SYSTEM AND TECHNICAL SUPPORT", "Provide the automation or procedure scripts, whe", "\u0399", "R", "I", "R"),
        ("SYSTEM AND TECHNICAL SUPPORT", "Receive and take charge of the activity report r", "R", "I", "R", "I"),
        ("SYSTEM AND TECHNICAL SUPPORT", "Follow the history of changes in managed resourc", "R", "I", "R", "I"),
        ("SYSTEM AND TECHNICAL SUPPORT", "Inform CLOUD-IAM of any planned or urgent change", "I", "R", "I", "R"),
        ("TECHNICAL ADMINISTRATION OF DATABASES", "Monitoring, correction and technical optimizatio", "R", "", "R", ""),
        ("TECHNICAL ADMINISTRATION OF DATABASES", "Monitoring space allocation", "R", "", "R", ""),
        ("TECHNICAL ADMINISTRATION OF DATABASES", "Performance monitoring and, in the event of degr", "R", "", "R", ""),
        ("TECHNICAL ADMINISTRATION OF DATABASES", "Participate in the planning of changes in the vo", "S", "R", "S", "R"),
        ("TECHNICAL ADMINISTRATION OF DATABASES", "Provide technical support on the physical enviro", "R", "I", "R", "I"),
        ("TECHNICAL ADMINISTRATION OF DATABASES", "Monitoring and follow-up of the performance of t", "R", "\u0399", "R", "I"),
        ("TECHNICAL ADMINISTRATION OF DATABASES", "Promoting the changes on the databases of [CLIEN", "R", "I, A", "R", "I,A"),
        ("TECHNICAL ADMINISTRATION OF DATABASES", "Assist [CUSTOMER] in Incident management, diagno", "R", "S", "R", "S"),
        ("TECHNICAL ADMINISTRATION OF DATABASES", "Define needs backup and restoration;", "\u0421", "R", "C", "R"),
        ("TECHNICAL ADMINISTRATION OF DATABASES", "Define the needs for changing and updating appli", "R", "\u0421", "R", "C"),
        ("TECHNICAL ADMINISTRATION OF DATABASES", "Define and approve the security needs of applica", "R", "I", "R", "I"),
    ];

    private static readonly (string Section, string Table, string ProviderHeading, int Rows)[] SeedTables =
    [
        ("Incident Management", "INCIDENT MANAGEMENT", "CLOUD-IAM", 4),
        ("Change Management", "MANAGEMENT OF SERVICE REQUESTS", "CLOUD-IAM", 8),
        ("Configuration Management", "CONFIGURATION MANAGEMENT", "CLOUD-IAM", 8),
        ("Performance Management", "PERFORMANCE MANAGEMENT", "CLOUD-IAM SYSTEM", 3),
        ("Availability management", "AVAILABILITY MANAGEMENT", "CLOUD-IAM", 8),
        ("Monitoring and Control of Systems", "MONITORING and CONTROL OF SYSTEMS", "CLOUD-IAM", 4),
        ("Operational operations", "OPERATIONS", "CLOUD-IAM", 5),
        ("Backup management", "BACKUP MANAGEMENT", "CLOUD-IAM", 8),
        ("System and Technical Support", "SYSTEM AND TECHNICAL SUPPORT", "CLOUD-IAM", 9),
        ("Technical administration of databases", "TECHNICAL ADMINISTRATION OF DATABASES", "CLOUD-IAM", 11),
    ];

    private static readonly RaciDocument Seed = RaciSeedParser.Parse(SeedFile.Text());

    [Fact]
    public void Every_seed_row_is_read_with_its_letters_exactly_as_in_the_seed()
    {
        var rows = Seed.Rows.ToList();

        Assert.Equal(SeedRows.Length, rows.Count);
        for (var i = 0; i < SeedRows.Length; i++)
        {
            var (table, text, providerCell, clientCell, provider, client) = SeedRows[i];
            var row = rows[i];
            Assert.Equal(table, row.Table);
            Assert.StartsWith(text, row.Text, StringComparison.Ordinal);
            Assert.Equal(providerCell, row.ProviderCell);
            Assert.Equal(clientCell, row.ClientCell);
            Assert.Equal(provider, row.Provider.ToString());
            Assert.Equal(client, row.Client.ToString());
            Assert.Equal(i + 1, row.Position);
        }
    }

    [Fact]
    public void Sections_and_tables_come_in_seed_order_with_their_row_counts()
    {
        var tables = Seed.Sections.SelectMany(s => s.Tables.Select(t => (s.Name, t.Name, t.ProviderHeading, t.Rows.Count))).ToList();

        Assert.Equal(SeedTables.ToList(), tables);
        Assert.All(Seed.Sections.SelectMany(s => s.Tables), t => Assert.Equal("[CLIENT]", t.ClientHeading));
    }

    [Fact]
    public void The_spaced_R_comma_A_cell_is_read_as_R_and_A_and_kept_verbatim()
    {
        var row = Seed.Rows.Single(r => r.Text == "Ensure that the audit functionalities are activated");

        Assert.Equal("R , A", row.ClientCell);
        Assert.Equal([RaciLetter.R, RaciLetter.A], row.Client.Letters);
        Assert.Equal("S", row.Provider.ToString());
    }

    [Fact]
    public void Greek_iota_and_Cyrillic_es_cells_are_normalised_while_the_raw_cell_keeps_the_original_character()
    {
        var iota = Seed.Rows.Single(r => r.Text.StartsWith("Monitor system resources and correlate alerts", StringComparison.Ordinal));
        var es = Seed.Rows.Single(r => r.Text == "Define needs backup and restoration;");

        Assert.Equal("\u0399", iota.ClientCell);
        Assert.Equal([RaciLetter.I], iota.Client.Letters);
        Assert.Equal("\u0421", es.ProviderCell);
        Assert.Equal([RaciLetter.C], es.Provider.Letters);
        Assert.Equal(12, Seed.Rows.Count(r => r.RawCells.Any(c => c.Contains('\u0399', StringComparison.Ordinal))));
        Assert.Equal(2, Seed.Rows.Count(r => r.RawCells.Any(c => c.Contains('\u0421', StringComparison.Ordinal))));
    }

    [Fact]
    public void Empty_cells_of_the_databases_table_hold_no_letter()
    {
        var empty = Seed.Rows.Where(r => r.ClientCell.Length == 0).Select(r => r.Text).ToList();

        Assert.Equal(
        [
            "Monitoring, correction and technical optimization over time of databases (security, performance) without any adaptation of the functional description of databases",
            "Monitoring space allocation",
            "Performance monitoring and, in the event of degradation, perform diagnostics and corrective actions",
        ], empty);
        Assert.All(Seed.Rows.Where(r => r.ClientCell.Length == 0), r => Assert.True(r.Client.IsEmpty));
        Assert.All(Seed.Rows.Where(r => r.ClientCell.Length == 0), r => Assert.Equal("TECHNICAL ADMINISTRATION OF DATABASES", r.Table));
    }

    [Fact]
    public void Header_rows_and_paragraphs_are_not_activities()
    {
        var texts = Seed.Rows.Select(r => r.Text).ToList();

        Assert.DoesNotContain(texts, t => t.StartsWith("INCIDENT MANAGEMENT", StringComparison.Ordinal) || t.StartsWith("PERFORMANCE MANAGEMENT", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.StartsWith("The change type", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.StartsWith("During the period of provision", StringComparison.Ordinal));
        Assert.DoesNotContain(Seed.Rows, r => r.ProviderCell.StartsWith("CLOUD-IAM", StringComparison.Ordinal));
    }

    [Fact]
    public void CUSTOMER_names_the_same_party_as_CLIENT_in_a_header()
    {
        var document = RaciSeedParser.Parse("Support\n\nSUPPORT\tCLOUD-IAM\t[CUSTOMER]\nAnswer tickets\tR\tI\n");

        var row = Assert.Single(document.Rows);
        Assert.Equal("[CUSTOMER]", document.Sections[0].Tables[0].ClientHeading);
        Assert.Equal("R", row.Provider.ToString());
        Assert.Equal("I", row.Client.ToString());
    }

    [Fact]
    public void A_table_with_the_client_column_first_assigns_letters_by_header()
    {
        var document = RaciSeedParser.Parse("Support\nSUPPORT\t[CLIENT]\tCLOUD-IAM\nAnswer tickets\tI\tR\n");

        var row = Assert.Single(document.Rows);
        Assert.Equal("R", row.Provider.ToString());
        Assert.Equal("I", row.Client.ToString());
        Assert.Equal(["Answer tickets", "I", "R"], row.RawCells);
    }

    [Theory]
    [InlineData("Support\nSUPPORT\tCLOUD-IAM\t[CLIENT]\nAnswer tickets\tR\tX\n", 3, "'X' is not a RACI letter")]
    [InlineData("Support\nSUPPORT\tCLOUD-IAM\t[CLIENT]\nAnswer tickets\tR\n", 3, "expected 3 tab-separated cells")]
    [InlineData("Support\n\nAnswer tickets\tR\tI\n", 3, "not inside a table")]
    [InlineData("Support\nSUPPORT\tCLOUD-IAM\t[CLIENT]\n\tR\tI\n", 3, "activity text")]
    [InlineData("Support\nSUPPORT\tCLOUD-IAM\t[CLIENT]\nAnswer\tR,,A\tI\n", 3, "empty letter")]
    [InlineData("Support\nSUPPORT\tCLOUD-IAM\n", 2, "header row needs exactly 3 cells")]
    [InlineData("Support\nSUPPORT\tCLOUD-IAM\t[CLIENT]\nAnswer tickets\tR\tI\nA paragraph ends the table.\nMore work\tR\tI\n", 5, "not inside a table")]
    public void Malformed_input_is_rejected_with_its_line_number(string text, int line, string reason)
    {
        var error = Assert.Throws<RaciSeedFormatException>(() => RaciSeedParser.Parse(text));

        Assert.Equal(line, error.LineNumber);
        Assert.StartsWith($"Line {line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_are_unique_and_the_same_when_the_seed_is_parsed_again()
    {
        var again = RaciSeedParser.Parse(SeedFile.Text());
        var keys = Seed.Rows.Select(r => r.Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(keys, again.Rows.Select(r => r.Key));
        Assert.Equal("incident-management/perform-incident-management-tasks-at-the-system-layer", keys[0]);
        Assert.All(keys, k => Assert.Matches("^[a-z0-9-]+/[a-z0-9-]+$", k));
    }

    [Fact]
    public void Rows_whose_first_words_repeat_in_a_section_get_numbered_keys()
    {
        var document = RaciSeedParser.Parse(
            "Support\nSUPPORT\tCLOUD-IAM\t[CLIENT]\nAnswer the tickets of the client within the day please\tR\tI\n"
            + "Answer the tickets of the client within the day otherwise\tR\tI\n");

        Assert.Equal(["support/answer-the-tickets-of-the-client-within-the", "support/answer-the-tickets-of-the-client-within-the-2"],
            document.Rows.Select(r => r.Key));
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_accepted()
    {
        var document = RaciSeedParser.Parse("\uFEFFSupport\r\n\r\nSUPPORT\tCLOUD-IAM\t[CLIENT]\r\nAnswer tickets\tR , A\tI\r\n");

        var row = Assert.Single(document.Rows);
        Assert.Equal("Support", document.Sections[0].Name);
        Assert.Equal("R,A", row.Provider.ToString());
        Assert.Equal("I", row.ClientCell);
    }
}
