## completion/local.mk -- bash and zsh completion for stowaway.

# zsh finds a completion function by its file name, _stowaway.
dist_zshcompletion_DATA = completion/_stowaway

# bash-completion finds it by the command's name, so it is installed as
# 'stowaway' rather than under its source name.
EXTRA_DIST += completion/stowaway.bash
install-data-local: sw-install-bash-completion
uninstall-local: sw-uninstall-bash-completion
sw-install-bash-completion:
	$(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)'
	$(INSTALL_DATA) $(srcdir)/completion/stowaway.bash \
	  '$(DESTDIR)$(bashcompletiondir)/stowaway'
sw-uninstall-bash-completion:
	rm -f '$(DESTDIR)$(bashcompletiondir)/stowaway'
.PHONY: sw-install-bash-completion sw-uninstall-bash-completion
