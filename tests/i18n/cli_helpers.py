"""Running the command line in this process, in any language, and coming back to English after."""
from studio import i18n
from studio.cli.main import main


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    """`rule-studio ARGV` in this process; English again afterwards, whatever `--lang` said."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    finally:
        i18n.set_language("en")
    out, err = capsys.readouterr()
    return code, out, err
