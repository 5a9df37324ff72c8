import NQL
import NQLNews
print(NQLLanguage.version)
