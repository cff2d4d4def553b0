"""`python -m summarise` runs the CLI."""

from summarise.cli import main

if __name__ == "__main__":
    main(prog_name="summarise")
