import NQL
import NQLNews
print("nql-lab")
